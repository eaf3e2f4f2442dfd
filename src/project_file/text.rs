//! Text from a file shown back to the user: quoted values capped so a hostile name cannot flood a message, and
//! control characters escaped before anything reaches a terminal.

use std::borrow::Cow;

/// Characters of one quoted value a message keeps; the rest is counted.
pub const QUOTED_CHARS: usize = 80;
/// Characters a message keeps in all (a last resort for long text outside quotes).
pub const MESSAGE_CHARS: usize = 4000;

/// `text` with every value between quotes (`"`, `` ` ``) longer than `QUOTED_CHARS` cut to its start, marked
/// `…` and followed by its length: `"xxxx…" (20,000,000 characters)`. The whole message is capped at
/// `MESSAGE_CHARS` too.
pub fn cap_quoted(text: &str) -> Cow<'_, str> {
    if text.len() <= QUOTED_CHARS {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let inner_start = open + quote.len_utf8();
        let Some(close) = rest[inner_start..].find(quote).map(|c| inner_start + c) else { break };
        let inner = &rest[inner_start..close];
        out.push_str(&rest[..inner_start]);
        let count = inner.chars().count();
        if count > QUOTED_CHARS {
            changed = true;
            out.extend(inner.chars().take(QUOTED_CHARS));
            out.push('…');
            out.push(quote);
            out.push_str(&format!(" ({} characters)", thousands(count)));
        } else {
            out.push_str(inner);
            out.push(quote);
        }
        rest = &rest[close + quote.len_utf8()..];
    }
    out.push_str(rest);
    if out.chars().count() > MESSAGE_CHARS {
        let total = out.chars().count();
        let mut short: String = out.chars().take(MESSAGE_CHARS).collect();
        short.push_str(&format!("… (the message goes on for {} more characters)", thousands(total - MESSAGE_CHARS)));
        return Cow::Owned(short);
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

/// `text` safe to print to a terminal: control characters (escape sequences, bell, line breaks, carriage
/// returns) and the invisible direction overrides are shown as `\u{1b}`, `\n` and the like, so a name cannot
/// move the cursor, recolour the screen or start a line of its own.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// 20000000 -> "20,000,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_cut_and_counted() {
        let name = "x".repeat(1000);
        let text = format!("component 3 name \"{name}\" is too long");
        let capped = cap_quoted(&text);
        assert_eq!(capped, format!("component 3 name \"{}…\" (1,000 characters) is too long", "x".repeat(80)));
        assert_eq!(cap_quoted("short \"name\""), "short \"name\"");
        let long = cap_quoted(&"y".repeat(5000)).into_owned();
        assert_eq!(long, format!("{}… (the message goes on for 1,000 more characters)", "y".repeat(MESSAGE_CHARS)));
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(for_terminal("Hall\u{1b}[31mA\u{7}\n/x: ok"), "Hall\\u{1b}[31mA\\u{7}\\n/x: ok");
        assert_eq!(for_terminal("Hall A é"), "Hall A é");
        assert_eq!(for_terminal("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(thousands(20_000_000), "20,000,000");
        assert_eq!(thousands(999), "999");
    }
}
