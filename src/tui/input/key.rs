//! One key press, its notation in keymap files (`zM`, `<C-d>`, `<S-Tab>`, `<lt>`) and its display
//! in help and hints (`z M`, `Ctrl-d`, `Shift-Tab`). Pure: no terminal involved except the
//! conversion from a crossterm event.

use std::fmt;

/// A key without modifiers. Shift is folded into the character (`G`) or the code (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key press: a code plus Ctrl and Alt. Ctrl with an ASCII letter is always stored lowercase,
/// since terminals cannot tell `Ctrl-d` from `Ctrl-D`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Names accepted inside `<...>` (case-insensitive), first one is the canonical notation.
const NAMED: &[(&[&str], KeyCode)] = &[
    (&["Enter", "CR", "Return"], KeyCode::Enter),
    (&["Esc", "Escape"], KeyCode::Esc),
    (&["Tab"], KeyCode::Tab),
    (&["BackTab"], KeyCode::BackTab),
    (&["BS", "Backspace"], KeyCode::Backspace),
    (&["Del", "Delete"], KeyCode::Delete),
    (&["Up"], KeyCode::Up),
    (&["Down"], KeyCode::Down),
    (&["Left"], KeyCode::Left),
    (&["Right"], KeyCode::Right),
    (&["PageUp", "PgUp"], KeyCode::PageUp),
    (&["PageDown", "PgDn", "PgDown"], KeyCode::PageDown),
    (&["Home"], KeyCode::Home),
    (&["End"], KeyCode::End),
    (&["Space"], KeyCode::Char(' ')),
    (&["lt"], KeyCode::Char('<')),
    (&["gt"], KeyCode::Char('>')),
];

impl Key {
    pub fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    pub fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
            alt: false,
        }
    }

    pub fn alt(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: true,
        }
    }

    /// Parses a key sequence in keymap notation: every plain character is one key, `<...>`
    /// names a special or modified key: `<C-d>`, `<A-i>`, `<S-Tab>`, `<F5>`, `<Space>`, `<lt>`.
    pub fn parse_seq(src: &str) -> Result<Vec<Key>, String> {
        parse_seq_reason(src).map_err(|why| format!("invalid key sequence {src:?}: {why}"))
    }

    /// This key in keymap notation, so that `parse_seq(&key.notation())` gives it back.
    pub fn notation(self) -> String {
        let mods = match (self.ctrl, self.alt) {
            (true, true) => "C-A-",
            (true, false) => "C-",
            (false, true) => "A-",
            (false, false) => "",
        };
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) if mods.is_empty() => return c.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, k)| *k == code)
                .map_or("?", |(names, _)| names[0])
                .to_string(),
        };
        format!("<{mods}{base}>")
    }

    /// Converts a crossterm key event; `None` for keys Tenor never binds (media keys, lone
    /// modifiers...). Shift is folded into the character or into `BackTab`.
    pub fn from_crossterm(ev: &crossterm::event::KeyEvent) -> Option<Key> {
        use crossterm::event::{KeyCode as C, KeyModifiers as M};
        let code = match ev.code {
            C::Char(c) => KeyCode::Char(c),
            C::Enter => KeyCode::Enter,
            C::Esc => KeyCode::Esc,
            C::Tab if ev.modifiers.contains(M::SHIFT) => KeyCode::BackTab,
            C::Tab => KeyCode::Tab,
            C::BackTab => KeyCode::BackTab,
            C::Backspace => KeyCode::Backspace,
            C::Delete => KeyCode::Delete,
            C::Up => KeyCode::Up,
            C::Down => KeyCode::Down,
            C::Left => KeyCode::Left,
            C::Right => KeyCode::Right,
            C::PageUp => KeyCode::PageUp,
            C::PageDown => KeyCode::PageDown,
            C::Home => KeyCode::Home,
            C::End => KeyCode::End,
            C::F(n) => KeyCode::F(n),
            _ => return None,
        };
        let ctrl = ev.modifiers.contains(M::CONTROL);
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Some(Key {
            code,
            ctrl,
            alt: ev.modifiers.contains(M::ALT),
        })
    }
}

/// [`Key::parse_seq`], failing with just the reason.
pub(crate) fn parse_seq_reason(src: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(end) = rest.find('>') else {
                return Err("unclosed '<' (write <lt> for the < key)".to_string());
            };
            // `<>>` names `>`: the first '>' closes an empty body otherwise.
            let (body, len) = if end == 1 && rest[2..].starts_with('>') {
                (">", 3)
            } else {
                (&rest[1..end], end + 1)
            };
            keys.push(parse_bracketed(body)?);
            rest = &rest[len..];
        } else {
            if c.is_control() {
                return Err(format!(
                    "control character {c:?} (write <Enter>, <Tab>, <C-x>...)"
                ));
            }
            keys.push(Key::char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    if keys.is_empty() {
        return Err("it is empty".to_string());
    }
    Ok(keys)
}

/// Parses the inside of `<...>`: optional `C-`, `A-`/`M-`, `S-` prefixes, then a name or a char.
fn parse_bracketed(body: &str) -> Result<Key, String> {
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    let mut rest = body;
    loop {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(m), Some('-')) if rest.len() > 2 => {
                match m.to_ascii_uppercase() {
                    'C' => ctrl = true,
                    'A' | 'M' => alt = true,
                    'S' => shift = true,
                    _ => {
                        return Err(format!(
                            "unknown modifier \"{m}-\" in <{body}> (use C-, A- or S-)"
                        ));
                    }
                }
                rest = &rest[2..];
            }
            _ => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(format!("missing key name in <{body}>")),
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest).ok_or_else(|| {
            let hint = if rest.contains('-') {
                " (modifiers are C-, A- and S-, as in <C-x>)"
            } else {
                ""
            };
            format!("unknown key name <{body}>{hint}")
        })?,
    };
    let code = match (code, shift) {
        (code, false) => code,
        (KeyCode::Tab, true) => KeyCode::BackTab,
        (KeyCode::Char(c), true) if c.is_alphabetic() && !ctrl => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (KeyCode::Char(c), true) if !c.is_alphabetic() => {
            return Err(format!(
                "S- does not apply to \"{c}\" in <{body}>: write the shifted character itself"
            ));
        }
        _ => {
            return Err(format!(
                "S- only combines with letters and Tab, not <{body}>"
            ));
        }
    };
    if let KeyCode::Char(c) = code
        && c.is_control()
    {
        return Err(format!("control character {c:?} in <{body}>"));
    }
    let code = match code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Ok(Key { code, ctrl, alt })
}

fn named(name: &str) -> Option<KeyCode> {
    if let Some(n) = name
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=24).contains(n))
    {
        return Some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(_, code)| *code)
}

impl fmt::Display for Key {
    /// For people: `Ctrl-d`, `Alt-i`, `Space`, `Shift-Tab`, `PageDown`, `G`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => f.write_str(
                NAMED
                    .iter()
                    .find(|(_, k)| *k == code)
                    .map_or("?", |(names, _)| names[0]),
            ),
        }
    }
}

/// A key sequence for people: plain characters run together as typed (`zM`, `]]`); named keys
/// are separated by spaces (`Ctrl-w j`).
pub fn display_seq(keys: &[Key]) -> String {
    let names: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let plain = names.iter().all(|n| n.chars().count() == 1);
    names.join(if plain { "" } else { " " })
}

/// A key sequence in keymap notation (`zM`, `<C-d>`, `]]`), the inverse of [`Key::parse_seq`].
pub fn notation_seq(keys: &[Key]) -> String {
    keys.iter().map(|k| k.notation()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(s: &str) -> Vec<Key> {
        Key::parse_seq(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn plain_chars_are_one_key_each() {
        assert_eq!(seq("zM"), vec![Key::char('z'), Key::char('M')]);
        assert_eq!(seq("]]"), vec![Key::char(']'); 2]);
        assert_eq!(seq(" "), vec![Key::char(' ')]);
        assert_eq!(seq(">"), vec![Key::char('>')]);
        assert_eq!(seq("é"), vec![Key::char('é')]);
    }

    #[test]
    fn bracketed_names_and_modifiers() {
        assert_eq!(seq("<C-d>"), vec![Key::ctrl('d')]);
        assert_eq!(
            seq("<C-D>"),
            vec![Key::ctrl('d')],
            "Ctrl letters fold to lowercase"
        );
        assert_eq!(seq("<A-i>"), vec![Key::alt('i')]);
        assert_eq!(seq("<M-i>"), vec![Key::alt('i')]);
        assert_eq!(
            seq("<C-A-x>"),
            vec![Key {
                code: KeyCode::Char('x'),
                ctrl: true,
                alt: true
            }]
        );
        assert_eq!(seq("<Space>"), vec![Key::char(' ')]);
        assert_eq!(seq("<lt>"), vec![Key::char('<')]);
        assert_eq!(seq("<>>"), vec![Key::char('>')]);
        assert_eq!(seq("<S-Tab>"), vec![Key::new(KeyCode::BackTab)]);
        assert_eq!(seq("<BackTab>"), vec![Key::new(KeyCode::BackTab)]);
        assert_eq!(seq("<S-g>"), vec![Key::char('G')]);
        assert_eq!(seq("<enter>"), vec![Key::new(KeyCode::Enter)]);
        assert_eq!(seq("<PgDn>"), vec![Key::new(KeyCode::PageDown)]);
        assert_eq!(seq("<F5>"), vec![Key::new(KeyCode::F(5))]);
        assert_eq!(
            seq("g<C-o><Esc>"),
            vec![Key::char('g'), Key::ctrl('o'), Key::new(KeyCode::Esc)]
        );
    }

    #[test]
    fn bad_sequences_say_what_is_wrong() {
        let err = |s: &str| Key::parse_seq(s).unwrap_err();
        assert_eq!(
            err("<C-"),
            "invalid key sequence \"<C-\": unclosed '<' (write <lt> for the < key)"
        );
        assert_eq!(err(""), "invalid key sequence \"\": it is empty");
        assert_eq!(
            err("<Foo>"),
            "invalid key sequence \"<Foo>\": unknown key name <Foo>"
        );
        assert_eq!(
            err("<X-a>"),
            "invalid key sequence \"<X-a>\": unknown modifier \"X-\" in <X-a> (use C-, A- or S-)"
        );
        assert_eq!(
            err("<>"),
            "invalid key sequence \"<>\": missing key name in <>"
        );
        assert_eq!(
            err("<F99>"),
            "invalid key sequence \"<F99>\": unknown key name <F99>"
        );
        assert_eq!(
            err("<S-Up>"),
            "invalid key sequence \"<S-Up>\": S- only combines with letters and Tab, not <S-Up>"
        );
        assert!(err("a\tb").contains("control character"));
    }

    #[test]
    fn display_is_for_people() {
        assert_eq!(display_seq(&seq("zM")), "zM");
        assert_eq!(display_seq(&seq("<C-d>")), "Ctrl-d");
        assert_eq!(display_seq(&seq("<Space>")), "Space");
        assert_eq!(display_seq(&seq("<S-Tab>")), "Shift-Tab");
        assert_eq!(display_seq(&seq("<PageDown>")), "PageDown");
        assert_eq!(display_seq(&seq("<A-i>")), "Alt-i");
        assert_eq!(display_seq(&seq("<lt>")), "<");
        assert_eq!(display_seq(&seq("<F5><Esc>")), "F5 Esc");
    }

    #[test]
    fn notation_round_trips() {
        for s in [
            "zM",
            "<C-d>",
            "<Space>",
            "<lt>",
            ">",
            "<BackTab>",
            "<C-A-x>",
            "<F12>",
            "]]<Enter><Esc><Up><Down><Left><Right><Home><End><PageUp><PageDown><BS><Del><Tab>",
        ] {
            let keys = seq(s);
            assert_eq!(seq(&notation_seq(&keys)), keys, "{s}");
        }
        assert_eq!(notation_seq(&seq("<C-D>z<Space>")), "<C-d>z<Space>");
    }

    #[test]
    fn crossterm_events_normalize() {
        use crossterm::event::{KeyCode as C, KeyEvent, KeyModifiers as M};
        let ev = |c, m| Key::from_crossterm(&KeyEvent::new(c, m));
        assert_eq!(ev(C::Char('G'), M::SHIFT), Some(Key::char('G')));
        assert_eq!(
            ev(C::Char('D'), M::CONTROL | M::SHIFT),
            Some(Key::ctrl('d'))
        );
        assert_eq!(ev(C::Tab, M::SHIFT), Some(Key::new(KeyCode::BackTab)));
        assert_eq!(ev(C::BackTab, M::SHIFT), Some(Key::new(KeyCode::BackTab)));
        assert_eq!(ev(C::Char('i'), M::ALT), Some(Key::alt('i')));
        assert_eq!(ev(C::F(5), M::NONE), Some(Key::new(KeyCode::F(5))));
        assert_eq!(ev(C::Insert, M::NONE), None);
    }
}
