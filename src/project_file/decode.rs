//! From text to a validated project: which format version the file is, which reader to use, and what to tell
//! the planner when it is not a project at all.
//!
//! A current file is parsed once. Only when that fails does the file get a second, lenient look (its
//! `version`, whether it has any project fields, whether it is RON at all) to pick the most useful error.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::context;
use super::errors::LoadError;
use super::format::{self, CURRENT_VERSION, ProjectFileV1};
use super::limits::MAX_FILE_BYTES;
use super::migrate;
use crate::model::{Project, validate_project};

pub(super) fn decode(text: &str, origin: &str) -> Result<Project, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin: origin.to_string(), size: text.len() as u64, limit: MAX_FILE_BYTES });
    }
    // Windows editors may start UTF-8 files with a byte order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = read_any_version(text, origin)?;
    let project = file.into_project();
    validate_project(&project).map_err(|errors| LoadError::Invalid { origin: origin.to_string(), errors })?;
    Ok(project)
}

fn read_any_version(text: &str, origin: &str) -> Result<ProjectFileV1, LoadError> {
    let current = format::parse::<ProjectFileV1>(text);
    let version = match &current {
        Ok(file) => Some(u64::from(file.version)),
        Err(first) => file_version(text, origin, first)?,
    };
    match version {
        Some(v) if v > u64::from(CURRENT_VERSION) => {
            Err(LoadError::NewerVersion { origin: origin.to_string(), found: v, supported: CURRENT_VERSION })
        }
        Some(v) if v == u64::from(CURRENT_VERSION) => current.map_err(|e| syntax(origin, text, &e)),
        older => match migrate::read_older(older, text) {
            Some(read) => read.map_err(|e| syntax(origin, text, &e)),
            None => Err(LoadError::UnknownVersion { origin: origin.to_string(), found: older.unwrap_or_default() }),
        },
    }
}

/// The fields of any project file that tell what it is; everything else is skipped.
#[derive(Deserialize)]
#[serde(rename = "Project")]
struct Header {
    version: Option<ron::Value>,
    name: Option<IgnoredAny>,
    scenarios: Option<IgnoredAny>,
}

/// The `version` of a file that did not parse as a current one (`None` when it has none), or the error to
/// report: `first` (the current reader's) when the file is broken, `NotAProject` when it is sound RON
/// but no project.
fn file_version(text: &str, origin: &str, first: &ron::error::SpannedError) -> Result<Option<u64>, LoadError> {
    let not_a_project =
        |reason: &str| LoadError::NotAProject { origin: origin.to_string(), reason: reason.to_string() };
    match format::parse::<Header>(text) {
        Ok(Header { version: None, name: None, scenarios: None }) => {
            Err(not_a_project("it has none of the fields `version`, `name` and `scenarios`"))
        }
        Ok(Header { version: None, .. }) => Ok(None),
        Ok(Header { version: Some(v), .. }) => whole_number(&v).map(Some).ok_or_else(|| syntax(origin, text, first)),
        Err(_) if format::parse::<IgnoredAny>(text).is_ok() => Err(not_a_project(
            "it holds some other value, not a project record `(version: 1, name: \"...\", scenarios: [...])`",
        )),
        Err(_) => Err(syntax(origin, text, first)),
    }
}

fn whole_number(value: &ron::Value) -> Option<u64> {
    match value {
        ron::Value::Number(n) => {
            let v = n.into_f64();
            (v >= 0.0 && v.fract() == 0.0 && v <= u64::MAX as f64).then_some(v as u64)
        }
        _ => None,
    }
}

fn syntax(origin: &str, text: &str, e: &ron::error::SpannedError) -> LoadError {
    let (line, column) = damage_at(text, e);
    let offset = byte_offset(text, line, column);
    // Whatever the parser expected next, a file with nothing after the error simply stops there.
    let at_end = matches!(e.code, ron::Error::Eof) || skip_blanks(text, offset) >= text.len();
    let place = context::place_at(text, if at_end { text.len() } else { offset }).describe();
    let mut message = match (&place, at_end) {
        (Some(place), true) => {
            format!("the file ends too early, in the middle of {place}: a bracket or a quote is not closed")
        }
        (None, true) => plain_words(&ron::Error::Eof),
        (_, false) => plain_words(&e.code),
    };
    if let Some(field) = field_before(text, line, column) {
        message = format!("{message} (in field `{field}`)");
    }
    if let (Some(place), false) = (&place, at_end) {
        message = format!("{message}, in {place}");
    }
    LoadError::Syntax { origin: origin.to_string(), line, column, message }
}

/// Where the damage is (1-based line and column). The parser reports some errors where the previous value
/// ended (the end of the line before the damage); the damage is at the first character after the blanks and
/// comments that follow, when that is no further than where the parser stopped.
fn damage_at(text: &str, e: &ron::error::SpannedError) -> (usize, usize) {
    let (start, end) = (e.span.start, e.span.end);
    let from = byte_offset(text, start.line, start.col);
    let to = byte_offset(text, end.line, end.col).max(from);
    let skipped = skip_blanks(text, from);
    if skipped > from && (to == from || skipped <= to) {
        return line_column(text, skipped.min(text.len()));
    }
    (start.line, start.col)
}

/// The byte offset of a 1-based line and column (columns count characters).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, row) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + row.char_indices().nth(column.saturating_sub(1)).map_or(row.len(), |(b, _)| b);
        }
        offset += row.len();
    }
    text.len()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The first offset at or after `from` that is not blank or inside a comment.
fn skip_blanks(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while from < bytes.len() && bytes[from].is_ascii_whitespace() {
            from += 1;
        }
        if text[from..].starts_with("//") {
            from = text[from..].find('\n').map_or(text.len(), |n| from + n);
        } else if text[from..].starts_with("/*") {
            from = text[from + 2..].find("*/").map_or(text.len(), |n| from + 2 + n + 2);
        } else {
            return from;
        }
    }
}

/// The name of the field whose value sits at `line`/`column` (1-based): the last `name:` before that point on
/// the same line, so "miner_count: -5" reports `miner_count`.
fn field_before(text: &str, line: usize, column: usize) -> Option<String> {
    let row = text.lines().nth(line.checked_sub(1)?)?;
    let upto: String = row.chars().take(column.saturating_sub(1)).collect();
    let colon = upto.rfind(':')?;
    let name: String =
        upto[..colon].trim_end().chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    let name: String = name.chars().rev().collect();
    (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
}

/// A record's type name as a planner knows it.
fn record_name(name: &str) -> String {
    match name {
        "Component" => "a component".to_string(),
        "Scenario" => "a scenario".to_string(),
        "Project" => "the project record".to_string(),
        "Rect" => "a rectangle `(x: ..., y: ..., w: ..., h: ...)`".to_string(),
        "Assumptions" => "the scenario's assumptions".to_string(),
        other => format!("a `{other}` record"),
    }
}

/// The parser's message, reworded where a planner editing by hand would not know the term.
fn plain_words(code: &ron::Error) -> String {
    let text = match code {
        ron::Error::Eof => "the file ends too early: a bracket or a quote is not closed",
        ron::Error::ExpectedComma => "expected a comma: is one missing after the previous value?",
        ron::Error::ExpectedFloat => "expected a number, such as 400.0",
        ron::Error::ExpectedInteger | ron::Error::InvalidIntegerDigit { .. } => {
            "expected a whole number, such as 12 (no decimal point)"
        }
        ron::Error::IntegerOutOfBounds => "this whole number is too large, or negative where it cannot be",
        ron::Error::ExpectedBoolean => "expected `true` or `false`",
        ron::Error::ExpectedString => "expected text in double quotes, such as \"Hall A\"",
        ron::Error::ExpectedStringEnd => "a text in double quotes is not closed",
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested deeper than any project needs: a bracket is probably not closed"
        }
        ron::Error::ExpectedArray => "expected `[` opening a list",
        ron::Error::ExpectedArrayEnd => "expected `]` closing the list: is a comma or a bracket missing?",
        ron::Error::ExpectedStructLike => "expected `(` opening a record",
        ron::Error::ExpectedNamedStructLike(name) => {
            return format!("expected `(` opening {}", record_name(name));
        }
        ron::Error::ExpectedStructLikeEnd | ron::Error::ExpectedOptionEnd => {
            "expected `)` closing the record: is a comma or a bracket missing?"
        }
        ron::Error::ExpectedMap => "expected `{` opening a table",
        ron::Error::ExpectedIdentifier => "expected a field name or a kind, such as `name` or `AsicHall`",
        ron::Error::TrailingCharacters => "there is more text after the project's closing `)`",
        ron::Error::UnexpectedChar(c) => return format!("unexpected character {c:?}"),
        other => return other.to_string(),
    };
    text.to_string()
}
