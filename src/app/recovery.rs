//! Autosave and crash recovery in the window: keeps a recovery copy while there are unsaved changes (through
//! `project_file::Autosaver`), and on a start after a crash offers the copy it finds, saying when it was saved.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::project_file::{AutosaveInput, AutosaveStatus, Autosaver, Recovered, RecoveryDir};

use super::PowerplotApp;
use super::file_ops;

/// How often a document with unsaved changes is copied to the recovery folder at most.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(10);

pub struct Recovery {
    /// `None` when there is nowhere to autosave (tests, or a system without a home folder).
    autosaver: Option<Autosaver>,
    dir: Option<RecoveryDir>,
    /// A copy left by a session that did not close cleanly, waiting for the user's answer.
    offer: Option<Recovered>,
    /// An autosave failure has been reported; stay quiet until autosave works again.
    failure_reported: bool,
}

impl Recovery {
    /// No autosave and no recovery offer.
    pub fn disabled() -> Self {
        Recovery { autosaver: None, dir: None, offer: None, failure_reported: false }
    }

    /// Autosave into `dir`, and offer the newest copy already there (left by a session that crashed).
    pub fn in_dir(dir: RecoveryDir) -> Self {
        Recovery {
            autosaver: Some(Autosaver::new(dir.clone(), AUTOSAVE_INTERVAL)),
            offer: dir.newest(),
            dir: Some(dir),
            failure_reported: false,
        }
    }

    /// The copy offered for restoring, until the user answers.
    pub fn offer(&self) -> Option<&Recovered> {
        self.offer.as_ref()
    }

    /// This session's recovery copy, if one has been written.
    pub fn copy_path(&self) -> Option<&std::path::Path> {
        self.autosaver.as_ref().and_then(Autosaver::copy_path)
    }
}

/// Removes this session's recovery copy: the document was saved, replaced or closed on purpose.
pub fn discard_copy(app: &mut PowerplotApp) {
    let Some(autosaver) = &mut app.files.recovery.autosaver else { return };
    if let Err(e) = autosaver.discard() {
        app.notify("The recovery copy could not be removed", e.to_string());
    }
}

impl PowerplotApp {
    /// Autosaves into `dir` and offers the copy a crashed session left there.
    pub fn with_recovery(mut self, dir: RecoveryDir) -> Self {
        self.files.recovery = Recovery::in_dir(dir);
        self
    }
}

/// Autosaves when due and shows the recovery offer.
pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    autosave(app, ctx);
    show_offer(app, ctx);
}

fn autosave(app: &mut PowerplotApp, ctx: &egui::Context) {
    // Mid-gesture the project changes every frame; the copy is written once the drag ends.
    if app.doc.in_gesture() {
        return;
    }
    let Some(autosaver) = &mut app.files.recovery.autosaver else { return };
    let doc = AutosaveInput {
        project: &app.doc.project,
        path: app.doc.path.as_deref(),
        revision: app.doc.revision,
        dirty: app.doc.is_dirty(),
    };
    match autosaver.update(SystemTime::now(), doc) {
        // Waiting says nothing about whether the disk is back, so only a write (or nothing to write) clears
        // a reported failure.
        Ok(AutosaveStatus::Waiting(wait)) => ctx.request_repaint_after(wait),
        Ok(AutosaveStatus::Wrote | AutosaveStatus::UpToDate | AutosaveStatus::Clean) => {
            app.files.recovery.failure_reported = false;
        }
        Err(e) => {
            // The autosaver retries after another interval; wake up for it.
            ctx.request_repaint_after(AUTOSAVE_INTERVAL);
            if !app.files.recovery.failure_reported {
                app.files.recovery.failure_reported = true;
                app.notify(
                    "Autosave failed",
                    format!("{e}\nYour work is not protected against a crash until you save it."),
                );
            }
        }
    }
}

fn show_offer(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some(offer) = &app.files.recovery.offer else { return };
    let file = offer
        .original
        .as_ref()
        .map_or_else(|| "a project that was never saved".to_string(), |p| p.display().to_string());
    let text = format!(
        "Powerplot did not close cleanly last time. A recovery copy of \"{}\" ({file}) was saved {}.",
        offer.project.name,
        describe_time(offer.saved_at, SystemTime::now()),
    );
    let mut restore = None;
    egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Restore unsaved work?");
        ui.add_space(6.0);
        ui.label(text);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                restore = Some(true);
            }
            if ui.button("Discard recovery copy").clicked() {
                restore = Some(false);
            }
        });
    });
    let Some(restore) = restore else { return };
    let Some(offer) = app.files.recovery.offer.take() else { return };
    if restore {
        if let Some(path) = &offer.original {
            app.files.recent.add(path);
        }
        file_ops::replace_document(app, ctx, offer.project, offer.original);
        // The restored work is not in its file yet: the title shows it as unsaved until it is saved.
        app.doc.mark_unsaved();
    }
    if let Some(Err(e)) = app.files.recovery.dir.as_ref().map(RecoveryDir::clear) {
        app.notify("The recovery copy could not be removed", e.to_string());
    }
}

/// "3 minutes ago (2026-11-25 14:05 UTC)": how long ago and when, for the recovery offer.
pub fn describe_time(then: SystemTime, now: SystemTime) -> String {
    let ago = match now.duration_since(then).map(|d| d.as_secs()) {
        Ok(s) if s < 60 => "less than a minute ago".to_string(),
        Ok(s) if s < 3600 => plural(s / 60, "minute"),
        Ok(s) if s < 48 * 3600 => plural(s / 3600, "hour"),
        Ok(s) => plural(s / 86_400, "day"),
        Err(_) => "just now".to_string(),
    };
    match then.duration_since(UNIX_EPOCH) {
        Ok(d) => format!("{ago} ({} UTC)", utc_date_time(d.as_secs())),
        Err(_) => ago,
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 { format!("1 {unit} ago") } else { format!("{n} {unit}s ago") }
}

/// "YYYY-MM-DD HH:MM" in UTC for seconds since 1970 (the exports' timestamp without its " UTC").
fn utc_date_time(secs: u64) -> String {
    let stamp = crate::outputs::format::utc_timestamp(secs);
    stamp.trim_end_matches(" UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_a_planner_would_say_them() {
        let then = UNIX_EPOCH + Duration::from_secs(1_764_029_100); // 2025-11-25 00:05 UTC
        assert_eq!(
            describe_time(then, then + Duration::from_secs(20)),
            "less than a minute ago (2025-11-25 00:05 UTC)"
        );
        assert_eq!(describe_time(then, then + Duration::from_secs(65)), "1 minute ago (2025-11-25 00:05 UTC)");
        assert_eq!(describe_time(then, then + Duration::from_secs(3 * 3600)), "3 hours ago (2025-11-25 00:05 UTC)");
        assert_eq!(describe_time(then, then + Duration::from_secs(5 * 86_400)), "5 days ago (2025-11-25 00:05 UTC)");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29 00:00", "a leap day");
    }
}
