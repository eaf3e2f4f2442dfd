pub mod model;
pub mod project_file;
