//! Where in a project file a position falls, in a planner's words: "component 12 "Hall C" of scenario 2
//! "Full AI"". A light scan of the text up to the position (brackets, strings, comments, field names), so it
//! works on files too broken to parse.

/// Characters of a name kept in a place's description.
const NAME_CHARS: usize = 60;

/// One open bracket.
struct Frame {
    /// The field this bracket is the value of (`components` for `components: [`).
    field: Option<String>,
    /// For a list, how many items have been opened in it so far.
    items: usize,
    /// For an item of a list: the list's field and the item's number (1-based).
    item_of: Option<(String, usize)>,
    /// The item's `name: "..."`, once read.
    name: Option<String>,
}

/// A scenario or component: its number in its list and its name if the text got that far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub number: usize,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Place {
    pub scenario: Option<Item>,
    pub component: Option<Item>,
}

impl Place {
    /// "component 12 "Hall C" of scenario 2 "Full AI"", or `None` outside every scenario.
    pub fn describe(&self) -> Option<String> {
        let item = |what: &str, item: &Item| match &item.name {
            Some(name) => format!("{what} {} \"{name}\"", item.number),
            None => format!("{what} {}", item.number),
        };
        match (&self.component, &self.scenario) {
            (Some(c), Some(s)) => Some(format!("{} of {}", item("component", c), item("scenario", s))),
            (Some(c), None) => Some(item("component", c)),
            (None, Some(s)) => Some(item("scenario", s)),
            (None, None) => None,
        }
    }
}

/// The scenario and component open at byte `offset` of `text`.
pub(super) fn place_at(text: &str, offset: usize) -> Place {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut ident: Option<String> = None;
    let mut key: Option<String> = None;
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let close = j.min(bytes.len());
                if key.as_deref() == Some("name")
                    && let Some(top) = stack.last_mut()
                    && top.item_of.is_some()
                    && top.name.is_none()
                {
                    let raw = &text[start.min(end)..close.min(end)];
                    top.name = Some(raw.chars().take(NAME_CHARS).collect());
                }
                key = None;
                i = close + 1;
                continue;
            }
            b'(' | b'[' | b'{' => {
                let item_of = match stack.last_mut() {
                    Some(list) if list.items != usize::MAX => {
                        list.items += 1;
                        list.field.clone().map(|f| (f, list.items))
                    }
                    _ => None,
                };
                let is_list = b == b'[';
                stack.push(Frame {
                    field: key.take(),
                    items: if is_list { 0 } else { usize::MAX },
                    item_of,
                    name: None,
                });
                ident = None;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                key = None;
            }
            b':' => key = ident.take(),
            b',' => key = None,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                ident = Some(text[start..i].to_string());
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut place = Place::default();
    for frame in &stack {
        if let Some((list, number)) = &frame.item_of {
            let item = Item { number: *number, name: frame.name.clone() };
            match list.as_str() {
                "scenarios" => place.scenario = Some(item),
                "components" => place.component = Some(item),
                _ => {}
            }
        }
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment (with a bracket
(
    version: 1,
    name: "Site (east)",
    scenarios: [
        (name: "Base", components: [(id: 1, name: "Hall A", rect: (x: 1.0)), (id: 2, name: "Hall B", "#;

    #[test]
    fn the_open_scenario_and_component_are_found() {
        let place = place_at(TEXT, TEXT.len());
        assert_eq!(place.describe().as_deref(), Some("component 2 \"Hall B\" of scenario 1 \"Base\""));
        let in_first = TEXT.find("rect").unwrap();
        assert_eq!(
            place_at(TEXT, in_first).describe().as_deref(),
            Some("component 1 \"Hall A\" of scenario 1 \"Base\"")
        );
        assert_eq!(place_at(TEXT, TEXT.find("version").unwrap()).describe(), None);
    }
}
