//! Keys → actions, as data. The default keymap is the embedded `assets/keymap.toml`; a user's
//! `[keys.<context>]` tables merge over it (see `config`). [`resolve`] is pure and table-driven:
//! each context precomputes a map of whole sequences and a set of their proper prefixes, so a
//! key press costs two hash lookups per context and no allocation beyond the pending buffer.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use toml::de::{DeTable, DeValue};

pub use super::key::{Key, KeyCode, display_seq, notation_seq};

pub use super::action::{Action, Context};

/// The default keymap, embedded at build time.
pub const DEFAULT_KEYMAP_TOML: &str = include_str!("../../../assets/keymap.toml");

/// One context's bindings. `action: None` marks a key unbound on purpose, so that it also hides
/// the global binding of the same keys.
#[derive(Debug, Clone, Default)]
struct Table {
    entries: Vec<(Vec<Key>, Option<Action>)>,
    exact: HashMap<Vec<Key>, Option<Action>>,
    prefixes: HashSet<Vec<Key>>,
}

impl Table {
    fn reindex(&mut self) {
        self.exact = self.entries.iter().cloned().collect();
        self.prefixes.clear();
        for (keys, action) in &self.entries {
            if action.is_some() {
                for n in 1..keys.len() {
                    self.prefixes.insert(keys[..n].to_vec());
                }
            }
        }
    }

    /// Applies bindings (`Some`) and unbindings (`None`) in order, with the result of
    /// [`Keymap::bind`] and [`Keymap::unbind`] one at a time, but in time linear in the entries
    /// (a key sequence is at most [`MAX_KEYS`] long), and indexes once at the end.
    fn apply(&mut self, ops: Vec<(Vec<Key>, Option<Action>)>, global: bool) {
        let mut slots: Vec<Option<(Vec<Key>, Option<Action>)>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        // Live entries by their keys, and every entry (live or not) under each proper prefix.
        let mut at: HashMap<Vec<Key>, usize> = HashMap::new();
        let mut under: HashMap<Vec<Key>, Vec<usize>> = HashMap::new();
        fn index(
            i: usize,
            keys: &[Key],
            at: &mut HashMap<Vec<Key>, usize>,
            under: &mut HashMap<Vec<Key>, Vec<usize>>,
        ) {
            at.insert(keys.to_vec(), i);
            for n in 1..keys.len() {
                under.entry(keys[..n].to_vec()).or_default().push(i);
            }
        }
        for (i, (keys, _)) in slots.iter().flatten().enumerate() {
            index(i, keys, &mut at, &mut under);
        }
        for (keys, action) in ops {
            if action.is_some() {
                // Drop what clashes: the same keys, a start of them, or keys they start.
                for n in 1..=keys.len() {
                    if let Some(i) = at.remove(&keys[..n]) {
                        slots[i] = None;
                    }
                }
                for i in under.remove(&keys).unwrap_or_default() {
                    if let Some((k, _)) = slots[i].take() {
                        at.remove(&k);
                    }
                }
            } else {
                if let Some(i) = at.remove(&keys) {
                    slots[i] = None;
                }
                let clash = (1..keys.len()).any(|n| at.contains_key(&keys[..n]))
                    || under.get_mut(&keys).is_some_and(|l| {
                        l.retain(|&i| slots[i].is_some());
                        !l.is_empty()
                    });
                if global || clash {
                    continue;
                }
            }
            index(slots.len(), &keys, &mut at, &mut under);
            slots.push(Some((keys, action)));
        }
        self.entries = slots.into_iter().flatten().collect();
        self.reindex();
    }
}

/// The longest key sequence a config may bind (longer ones are reported and skipped).
pub const MAX_KEYS: usize = 16;

/// A diagnostic from reading a keymap table; `span` is a byte range in the TOML source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub span: Range<usize>,
    pub message: String,
}

/// All bindings, per context. `Keymap::default()` is [`Keymap::defaults`].
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: [Table; 6],
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::defaults()
    }
}

static DEFAULTS: LazyLock<Keymap> = LazyLock::new(|| {
    let (map, errors) = Keymap::from_toml(DEFAULT_KEYMAP_TOML);
    assert!(errors.is_empty(), "bad embedded keymap: {errors:?}");
    map
});

impl Keymap {
    /// The default keymap (parsed once from [`DEFAULT_KEYMAP_TOML`]).
    pub fn defaults() -> Keymap {
        DEFAULTS.clone()
    }

    /// A keymap without any binding.
    pub fn empty() -> Keymap {
        Keymap {
            tables: Default::default(),
        }
    }

    /// Builds a keymap from a document of `[<context>]` tables (the format of
    /// `assets/keymap.toml`). Bad entries are skipped and reported.
    pub fn from_toml(src: &str) -> (Keymap, Vec<KeymapError>) {
        let mut map = Keymap::empty();
        let errors = match DeTable::parse(src) {
            Ok(doc) => {
                let label = |ctx: &str| format!("[{ctx}]");
                let mut errors = Vec::new();
                for (name, value) in sorted_entries(doc.get_ref()) {
                    let DeValue::Table(table) = value.get_ref() else {
                        errors.push(KeymapError {
                            span: name.span(),
                            message: format!("expected a table {}", label(name.get_ref())),
                        });
                        continue;
                    };
                    match Context::from_name(name.get_ref()) {
                        Some(ctx) => {
                            errors.extend(map.merge_table(ctx, table, &label(name.get_ref())))
                        }
                        None => errors.push(KeymapError {
                            span: name.span(),
                            message: unknown_context("", name.get_ref()),
                        }),
                    }
                }
                errors
            }
            Err(e) => vec![KeymapError {
                span: e.span().unwrap_or(0..0),
                message: e.message().trim_end().to_string(),
            }],
        };
        (map, errors)
    }

    /// Merges a TOML table of `"keys" = "action"` entries into `ctx`, in source order. A key
    /// sequence replaces any existing binding it clashes with (same keys, or one the start of
    /// the other); `""` or `"none"` unbinds. Within this one table the first of two clashing
    /// entries wins and the other is reported. `label` names the table in messages.
    pub fn merge_table(&mut self, ctx: Context, table: &DeTable, label: &str) -> Vec<KeymapError> {
        let mut errors = Vec::new();
        // What this table bound so far, as written, to report clashes within it: by keys, and
        // by each proper prefix (the first entry that has it).
        let mut merged: HashMap<Vec<Key>, &str> = HashMap::new();
        let mut merged_under: HashMap<Vec<Key>, &str> = HashMap::new();
        let mut ops = Vec::new();
        for (raw_keys, value) in sorted_entries(table) {
            let span = raw_keys.span();
            let raw_keys = raw_keys.get_ref().as_ref();
            let err = |message: String| KeymapError {
                span: span.clone(),
                message,
            };
            let keys = match super::key::parse_seq_reason(raw_keys) {
                Ok(keys) => keys,
                Err(why) => {
                    errors.push(err(format!(
                        "invalid key sequence {raw_keys:?} in {label}: {why}"
                    )));
                    continue;
                }
            };
            let DeValue::String(name) = value.get_ref() else {
                errors.push(err(format!(
                    "expected an action name (a string) for key {raw_keys:?} in {label}"
                )));
                continue;
            };
            let action = match name.as_ref() {
                "" | "none" => None,
                name => match Action::from_name(name) {
                    Some(a) => Some(a),
                    None => {
                        errors.push(err(format!(
                            "unknown action {name:?} for key {raw_keys:?} in {label}"
                        )));
                        continue;
                    }
                },
            };
            if keys == [Key::ctrl('c')] && action != Some(Action::Quit) {
                errors.push(err(format!(
                    "key {raw_keys:?} in {label} is ignored: Ctrl-c always quits"
                )));
                continue;
            }
            if let Key {
                code: KeyCode::Char('1'..='9'),
                ctrl: false,
                alt: false,
            } = keys[0]
            {
                errors.push(err(format!(
                    "key {raw_keys:?} in {label} starts with a digit, which types a count"
                )));
                continue;
            }
            if keys.len() > MAX_KEYS {
                errors.push(err(format!(
                    "key {raw_keys:?} in {label} is ignored: longer than {MAX_KEYS} keys"
                )));
                continue;
            }
            // (the same keys?, the other entry as written)
            let clash = (1..=keys.len())
                .find_map(|n| merged.get(&keys[..n]).map(|o| (n == keys.len(), *o)))
                .or_else(|| merged_under.get(&keys).map(|o| (false, *o)));
            if let Some((same, other)) = clash {
                let why = if same {
                    format!("{other:?} is the same key")
                } else {
                    format!("it clashes with {other:?} (one is the start of the other)")
                };
                errors.push(err(format!(
                    "key {raw_keys:?} in {label} is ignored: {why}"
                )));
                continue;
            }
            for n in 1..keys.len() {
                merged_under.entry(keys[..n].to_vec()).or_insert(raw_keys);
            }
            merged.insert(keys.clone(), raw_keys);
            ops.push((keys, action));
        }
        self.tables[ctx.index()].apply(ops, ctx == Context::Global);
        errors
    }

    /// Binds `keys` to `action` in `ctx`, replacing every binding it clashes with (the same
    /// keys, or one is the start of the other).
    pub fn bind(&mut self, ctx: Context, keys: Vec<Key>, action: Action) {
        self.tables[ctx.index()].apply(vec![(keys, Some(action))], ctx == Context::Global);
    }

    /// Removes the binding of exactly `keys` in `ctx`. In a non-global context the keys are
    /// then marked unbound, which also hides a global binding of the same keys there.
    pub fn unbind(&mut self, ctx: Context, keys: &[Key]) {
        self.tables[ctx.index()].apply(vec![(keys.to_vec(), None)], ctx == Context::Global);
    }

    /// The action bound to exactly `keys` in `ctx` alone (no fallback to global).
    pub fn lookup(&self, ctx: Context, keys: &[Key]) -> Option<Action> {
        self.tables[ctx.index()].exact.get(keys).copied().flatten()
    }

    /// The bindings of `ctx`'s own table (not global's), in help-screen order: by action as in
    /// [`Action::ALL`], then in the order they were bound.
    pub fn bindings(&self, ctx: Context) -> Vec<(Vec<Key>, Action)> {
        let mut out: Vec<(Vec<Key>, Action)> = self.tables[ctx.index()]
            .entries
            .iter()
            .filter_map(|(k, a)| a.map(|a| (k.clone(), a)))
            .collect();
        out.sort_by_key(|(_, a)| action_rank(*a));
        out
    }

    /// Every binding that works in `ctx`: its own, then the global ones it does not shadow.
    /// Feeds the help screen and key hints.
    pub fn active_bindings(&self, ctx: Context) -> Vec<(Vec<Key>, Action)> {
        let mut out = self.bindings(ctx);
        if ctx != Context::Global {
            let own = &self.tables[ctx.index()];
            out.extend(
                self.bindings(Context::Global)
                    .into_iter()
                    .filter(|(keys, _)| reachable_through(own, keys)),
            );
        }
        out
    }

    /// The key sequences that trigger `action` in `ctx` (own bindings first), for hints.
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<Vec<Key>> {
        self.active_bindings(ctx)
            .into_iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k)
            .collect()
    }
}

/// Whether a global sequence still resolves in a context with table `own`.
fn reachable_through(own: &Table, keys: &[Key]) -> bool {
    (1..keys.len()).all(|n| !own.exact.contains_key(&keys[..n]))
        && !own.exact.contains_key(keys)
        && !own.prefixes.contains(keys)
}

fn action_rank(action: Action) -> usize {
    Action::ALL
        .iter()
        .position(|a| *a == action)
        .unwrap_or(usize::MAX)
}

/// A table's entries in source order (the TOML map itself is sorted by key).
fn sorted_entries<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a toml::Spanned<toml::de::DeString<'i>>,
    &'a toml::Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// The message for a table named after no context, e.g. `[keys.foo]` with prefix `"keys."`.
pub(crate) fn unknown_context(prefix: &str, name: &str) -> String {
    let names: Vec<String> = Context::ALL
        .iter()
        .map(|c| format!("[{prefix}{}]", c.name()))
        .collect();
    format!(
        "unknown table [{prefix}{name}]; expected one of {}",
        names.join(", ")
    )
}

/// Keys typed so far: a count prefix and the start of a multi-key sequence.
#[derive(Debug, Default, Clone)]
pub struct PendingKeys {
    pub keys: Vec<Key>,
    pub count: Option<usize>,
}

impl PendingKeys {
    pub fn clear(&mut self) {
        self.keys.clear();
        self.count = None;
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.count.is_none()
    }

    /// What the status line shows while keys are pending: `5 z`.
    pub fn display(&self) -> String {
        match (self.count, self.keys.is_empty()) {
            (Some(n), true) => n.to_string(),
            (Some(n), false) => format!("{n} {}", display_seq(&self.keys)),
            (None, _) => display_seq(&self.keys),
        }
    }
}

/// What a key press did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// A binding completed; `count` is the typed prefix, if any.
    Action {
        action: Action,
        count: Option<usize>,
    },
    /// A count digit or the start of a sequence: wait for more keys.
    Pending,
    /// Nothing bound (or `<Esc>` cancelled pending keys); the pending state is cleared.
    Unbound,
}

/// Resolves one key press in `ctx`. Rules, in order:
/// 1. With no sequence started, a digit adds to the count (`0` only after another digit).
/// 2. `<Esc>` while anything is pending cancels it (→ `Unbound`).
/// 3. The keys so far are looked up in `ctx`'s table, then in global: a whole binding gives its
///    action, the start of one gives `Pending`. A context's binding or prefix hides global ones.
/// 4. Anything else is `Unbound`, and clears the pending state.
pub fn resolve(map: &Keymap, ctx: Context, pending: &mut PendingKeys, key: Key) -> Resolution {
    if let Key {
        code: KeyCode::Char(c @ '0'..='9'),
        ctrl: false,
        alt: false,
    } = key
        && pending.keys.is_empty()
        && (c != '0' || pending.count.is_some())
    {
        let digit = c as usize - '0' as usize;
        let count = pending.count.unwrap_or(0);
        pending.count = Some(count.saturating_mul(10).saturating_add(digit));
        return Resolution::Pending;
    }
    if key == Key::new(KeyCode::Esc) && !pending.is_empty() {
        pending.clear();
        return Resolution::Unbound;
    }
    pending.keys.push(key);
    let tables = [
        &map.tables[ctx.index()],
        &map.tables[Context::Global.index()],
    ];
    let tables = if ctx == Context::Global {
        &tables[..1]
    } else {
        &tables[..]
    };
    for table in tables {
        if let Some(&action) = table.exact.get(pending.keys.as_slice()) {
            let count = pending.count;
            pending.clear();
            return match action {
                Some(action) => Resolution::Action { action, count },
                None => Resolution::Unbound,
            };
        }
        if table.prefixes.contains(pending.keys.as_slice()) {
            return Resolution::Pending;
        }
    }
    pending.clear();
    Resolution::Unbound
}

#[cfg(test)]
mod tests;
