fn main() { eframe::run_native("x", Default::default(), Box::new(|_| Ok(Box::new(A)))).ok(); } struct A; impl eframe::App for A { fn ui(&mut self, _ui: &mut egui::Ui, _f: &mut eframe::Frame) {} }
