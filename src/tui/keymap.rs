//! Keys and key resolution (STUB: being replaced by the full table-driven implementation).

use super::action::Action;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

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
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Reader,
    Outline,
    Side,
    Library,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Context, Vec<Key>, Action)>,
}

impl Keymap {
    pub fn defaults() -> Keymap {
        use Action::*;
        let g = |s: &str| s.chars().map(Key::char).collect::<Vec<_>>();
        let b = vec![
            (Context::Global, vec![Key::ctrl('c')], Quit),
            (Context::Global, g("q"), Back),
            (Context::Global, g("?"), Help),
            (Context::Global, vec![Key::new(KeyCode::Tab)], FocusNext),
            (Context::Global, g("j"), Down),
            (Context::Global, g("k"), Up),
            (Context::Global, vec![Key::new(KeyCode::Down)], Down),
            (Context::Global, vec![Key::new(KeyCode::Up)], Up),
            (Context::Global, vec![Key::new(KeyCode::Enter)], Activate),
            (Context::Global, g("g"), Top),
            (Context::Global, g("G"), Bottom),
            (Context::Reader, vec![Key::ctrl('d')], HalfPageDown),
            (Context::Reader, vec![Key::ctrl('u')], HalfPageUp),
            (Context::Reader, g(" "), PageDown),
            (Context::Reader, g("b"), PageUp),
            (Context::Reader, g("]]"), NextHeading),
            (Context::Reader, g("[["), PrevHeading),
            (Context::Reader, g("}"), NextParagraph),
            (Context::Reader, g("{"), PrevParagraph),
            (Context::Reader, g("za"), ToggleFold),
            (Context::Reader, g("zo"), OpenFold),
            (Context::Reader, g("zc"), CloseFold),
            (Context::Reader, g("zR"), OpenAllFolds),
            (Context::Reader, g("zM"), CloseAllFolds),
            (Context::Reader, g("zr"), OpenFoldLevel),
            (Context::Reader, g("zm"), CloseFoldLevel),
            (Context::Reader, g("/"), Search),
            (Context::Reader, g("n"), SearchNext),
            (Context::Reader, g("N"), SearchPrev),
            (Context::Reader, g(":"), GotoSection),
            (Context::Reader, vec![Key::ctrl('o')], JumpBack),
            (Context::Reader, vec![Key::ctrl('i')], JumpForward),
            (Context::Outline, g("h"), Collapse),
            (Context::Outline, g("l"), Expand),
        ];
        Keymap { bindings: b }
    }

    /// Bindings that apply in `ctx` (its own, then global), for help and hints.
    pub fn bindings(&self, ctx: Context) -> Vec<(Vec<Key>, Action)> {
        self.bindings
            .iter()
            .filter(|(c, _, _)| *c == ctx)
            .map(|(_, k, a)| (k.clone(), *a))
            .collect()
    }
}

#[derive(Debug, Default, Clone)]
pub struct PendingKeys {
    pub keys: Vec<Key>,
    pub count: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Action {
        action: Action,
        count: Option<usize>,
    },
    Pending,
    Unbound,
}

pub fn resolve(map: &Keymap, ctx: Context, pending: &mut PendingKeys, key: Key) -> Resolution {
    if let KeyCode::Char(c @ '0'..='9') = key.code {
        if pending.keys.is_empty() && !key.ctrl && (c != '0' || pending.count.is_some()) {
            let d = c as usize - '0' as usize;
            pending.count = Some(
                pending
                    .count
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(d),
            );
            return Resolution::Pending;
        }
    }
    pending.keys.push(key);
    let mut prefix = false;
    for c in [ctx, Context::Global] {
        for (bc, keys, action) in &map.bindings {
            if *bc != c {
                continue;
            }
            if *keys == pending.keys {
                let count = pending.count.take();
                pending.keys.clear();
                return Resolution::Action {
                    action: *action,
                    count,
                };
            }
            if keys.starts_with(&pending.keys) {
                prefix = true;
            }
        }
    }
    if prefix {
        return Resolution::Pending;
    }
    pending.keys.clear();
    pending.count = None;
    Resolution::Unbound
}

/// Display a key sequence for help and hints (STUB).
pub fn display_seq(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| {
            let base = match k.code {
                KeyCode::Char(' ') => "Space".to_string(),
                KeyCode::Char(c) => c.to_string(),
                other => format!("{other:?}"),
            };
            if k.ctrl { format!("Ctrl-{base}") } else { base }
        })
        .collect::<Vec<_>>()
        .join("")
}
