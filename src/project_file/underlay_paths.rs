//! Where a project file finds its underlay images: relative paths start from the project file's folder, so
//! a project written to another folder (Save As, `optimize --save`) names its images again from there.

use std::path::{Component as PathPart, Path, PathBuf};

use crate::model::Project;

/// The full path of an underlay image written as `stored` in the project saved at `project_file` (relative
/// paths start from the project file's folder, or the working folder for a project never saved).
pub fn resolve(project_file: Option<&Path>, stored: &str) -> PathBuf {
    let path = Path::new(stored);
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        project_file.and_then(Path::parent).map_or_else(|| path.to_path_buf(), |dir| dir.join(path))
    };
    std::path::absolute(&full).unwrap_or(full)
}

/// How the project saved at `project_file` names the image at `image`: relative to the project's folder
/// (with `/` between folders, so the file works on every system) when both are known, else the full path.
pub fn stored_path(project_file: Option<&Path>, image: &Path) -> String {
    let image = std::path::absolute(image).unwrap_or_else(|_| image.to_path_buf());
    let Some(dir) = project_file.and_then(Path::parent).map(|d| std::path::absolute(d).unwrap_or(d.to_path_buf()))
    else {
        return image.to_string_lossy().into_owned();
    };
    let (a, b): (Vec<_>, Vec<_>) = (dir.components().collect(), image.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Different drives (Windows) or nothing in common but the root: keep the full path.
    if common == 0 || (common == 1 && matches!(a[0], PathPart::RootDir | PathPart::Prefix(_)) && a.len() > 1) {
        return image.to_string_lossy().into_owned();
    }
    let ups = std::iter::repeat_n("..".to_string(), a.len() - common);
    let downs = b[common..].iter().map(|p| p.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// Names every underlay image of `project`, read from `old_file` (`None`: never saved), from the folder of
/// `new_file`, the file it is about to be written to.
pub fn rename_for(project: &mut Project, old_file: Option<&Path>, new_file: &Path) {
    for u in project.scenarios.iter_mut().filter_map(|s| s.underlay.as_mut()) {
        let full = resolve(old_file, &u.path);
        let renamed = stored_path(Some(new_file), &full);
        if renamed != u.path {
            u.path = renamed;
        }
    }
}
