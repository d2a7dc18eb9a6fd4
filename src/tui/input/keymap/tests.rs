use super::*;

fn seq(s: &str) -> Vec<Key> {
    Key::parse_seq(s).unwrap_or_else(|e| panic!("{e}"))
}

/// Feeds the keys of `s` one by one and returns every resolution.
fn feed(map: &Keymap, ctx: Context, pending: &mut PendingKeys, s: &str) -> Vec<Resolution> {
    seq(s)
        .into_iter()
        .map(|k| resolve(map, ctx, pending, k))
        .collect()
}

fn act(action: Action, count: Option<usize>) -> Resolution {
    Resolution::Action { action, count }
}

#[test]
fn embedded_defaults_parse_cleanly() {
    let (_, errors) = Keymap::from_toml(DEFAULT_KEYMAP_TOML);
    assert_eq!(errors, vec![]);
}

#[test]
fn every_action_has_a_default_binding() {
    let map = Keymap::defaults();
    for &action in Action::ALL {
        let bound = Context::ALL
            .iter()
            .any(|&ctx| map.bindings(ctx).iter().any(|(_, a)| *a == action));
        assert!(bound, "no default key for {}", action.name());
    }
}

#[test]
fn defaults_follow_vim_and_less() {
    let map = Keymap::defaults();
    let r = |ctx, s: &str| {
        let mut p = PendingKeys::default();
        *feed(&map, ctx, &mut p, s).last().unwrap()
    };
    use Action::{
        Back, Bottom, ClearSearch, CloseAllFolds, Collapse, Down, Expand, FocusNext, FocusPrev,
        HalfPageDown, JumpBack, JumpForward, NextHeading, NextSideTab, PageDown, PageUp, Quit,
        Search,
    };
    use Context::{Global, Library, Outline, Reader, Side};
    for (ctx, keys, action) in [
        (Reader, "j", Down),
        (Reader, "<Down>", Down),
        (Reader, "<C-d>", HalfPageDown),
        (Reader, "<Space>", PageDown),
        (Reader, "<PageDown>", PageDown),
        (Reader, "b", PageUp),
        (Reader, "G", Bottom),
        (Reader, "]]", NextHeading),
        (Reader, "zM", CloseAllFolds),
        (Reader, "<C-o>", JumpBack),
        (Reader, "<C-i>", JumpForward),
        (Reader, "<A-i>", JumpForward),
        (Reader, "<Esc>", ClearSearch),
        (Reader, "<Tab>", FocusNext),
        (Reader, "<BackTab>", FocusPrev),
        (Outline, "h", Collapse),
        (Outline, "<Right>", Expand),
        (Outline, "j", Down),
        (Side, "l", NextSideTab),
        (Side, "/", Search),
        (Side, "]]", NextHeading),
        (Library, "q", Back),
        (Global, "<C-c>", Quit),
    ] {
        assert_eq!(r(ctx, keys), act(action, None), "{keys} in {ctx:?}");
    }
    // Folds are global: from a panel they fold the article, and "z" always waits for its
    // second key, so "zM" never falls through to the global "M".
    for ctx in [Reader, Outline, Side, Library] {
        assert_eq!(r(ctx, "zM"), act(CloseAllFolds, None), "zM in {ctx:?}");
        let mut p = PendingKeys::default();
        assert_eq!(
            feed(&map, ctx, &mut p, "zxM"),
            vec![
                Resolution::Pending,
                Resolution::Unbound,
                act(Action::ToggleMouse, None)
            ],
            "an unknown z-command swallows its second key only, in {ctx:?}"
        );
    }
}

#[test]
fn count_prefix() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "5j"),
        vec![Resolution::Pending, act(Action::Down, Some(5))]
    );
    assert!(p.is_empty());
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "10<C-e>"),
        vec![
            Resolution::Pending,
            Resolution::Pending,
            act(Action::ScrollLineDown, Some(10))
        ]
    );
    // The count survives into a multi-key sequence.
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "3]]")[2],
        act(Action::NextHeading, Some(3))
    );
}

#[test]
fn zero_counts_only_after_another_digit() {
    let mut map = Keymap::defaults();
    map.bind(Context::Reader, seq("0"), Action::Top);
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "0"),
        vec![act(Action::Top, None)]
    );
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "0"),
        vec![Resolution::Unbound],
        "a lone 0 is a key, unbound here"
    );
    feed(&map, Context::Reader, &mut p, "20");
    assert_eq!(p.count, Some(20));
    assert_eq!(p.display(), "20");
}

#[test]
fn digits_inside_a_sequence_are_keys() {
    let mut map = Keymap::empty();
    map.bind(Context::Reader, seq("z1"), Action::OpenFoldLevel);
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "z1"),
        vec![Resolution::Pending, act(Action::OpenFoldLevel, None)]
    );
}

#[test]
fn multi_key_sequences_pend_then_fire() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    assert_eq!(
        resolve(&map, Context::Reader, &mut p, Key::char('z')),
        Resolution::Pending
    );
    assert_eq!(p.keys, seq("z"));
    assert_eq!(p.display(), "z");
    assert_eq!(
        resolve(&map, Context::Reader, &mut p, Key::char('M')),
        act(Action::CloseAllFolds, None)
    );
    assert!(p.is_empty());
}

#[test]
fn unbound_key_clears_pending_state() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "4zx"),
        vec![
            Resolution::Pending,
            Resolution::Pending,
            Resolution::Unbound
        ]
    );
    assert!(p.is_empty());
    // The next key starts afresh.
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "j"),
        vec![act(Action::Down, None)]
    );
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "5<F9>j"),
        vec![
            Resolution::Pending,
            Resolution::Unbound,
            act(Action::Down, None)
        ]
    );
}

#[test]
fn esc_cancels_pending_and_otherwise_is_a_key() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "z<Esc>"),
        vec![Resolution::Pending, Resolution::Unbound]
    );
    assert!(p.is_empty());
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "7<Esc>"),
        vec![Resolution::Pending, Resolution::Unbound]
    );
    assert!(p.is_empty());
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "<Esc>"),
        vec![act(Action::ClearSearch, None)]
    );
}

#[test]
fn context_bindings_take_precedence_over_global() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    // `l` is global-free: expand in the outline, next tab in the side panel.
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "l"),
        vec![act(Action::Expand, None)]
    );
    assert_eq!(
        feed(&map, Context::Side, &mut p, "l"),
        vec![act(Action::NextSideTab, None)]
    );
    let mut map = Keymap::defaults();
    map.bind(Context::Reader, seq("j"), Action::NextParagraph);
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "j"),
        vec![act(Action::NextParagraph, None)]
    );
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "j"),
        vec![act(Action::Down, None)]
    );
    // A context prefix hides a global single key: `gg` in the reader makes `g` pend there.
    map.bind(Context::Reader, seq("gx"), Action::Library);
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "g"),
        vec![Resolution::Pending]
    );
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "x"),
        vec![act(Action::Library, None)]
    );
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "g"),
        vec![act(Action::Top, None)]
    );
}

#[test]
fn global_context_uses_only_global_table() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Global, &mut p, "]"),
        vec![Resolution::Unbound]
    );
    assert_eq!(
        feed(&map, Context::Global, &mut p, "q"),
        vec![act(Action::Back, None)]
    );
}

#[test]
fn bind_replaces_clashing_bindings() {
    let mut map = Keymap::defaults();
    map.bind(Context::Global, seq("gg"), Action::Top);
    assert_eq!(map.lookup(Context::Global, &seq("g")), None);
    assert_eq!(map.lookup(Context::Global, &seq("gg")), Some(Action::Top));
    // Other keys for the same action stay.
    assert_eq!(
        map.lookup(Context::Global, &seq("<Home>")),
        Some(Action::Top)
    );
    map.bind(Context::Reader, seq("z"), Action::ToggleFold);
    assert_eq!(map.lookup(Context::Reader, &seq("zM")), None);
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "z"),
        vec![act(Action::ToggleFold, None)]
    );
}

#[test]
fn unbind_in_a_context_hides_the_global_binding() {
    let mut map = Keymap::defaults();
    map.unbind(Context::Reader, &seq("o"));
    let mut p = PendingKeys::default();
    assert_eq!(
        feed(&map, Context::Reader, &mut p, "o"),
        vec![Resolution::Unbound]
    );
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "o"),
        vec![act(Action::ToggleOutline, None)]
    );
    map.unbind(Context::Global, &seq("o"));
    assert_eq!(
        feed(&map, Context::Outline, &mut p, "o"),
        vec![Resolution::Unbound]
    );
    assert!(
        !map.bindings(Context::Reader)
            .iter()
            .any(|(k, _)| *k == seq("o"))
    );
}

#[test]
fn bindings_are_in_help_order_and_active_bindings_skip_shadowed_globals() {
    let map = Keymap::defaults();
    let reader = map.bindings(Context::Reader);
    assert_eq!(reader[0], (seq("H"), Action::ScreenTop));
    assert_eq!(reader[2], (seq("]]"), Action::NextHeading));
    assert!(reader.iter().all(|(k, _)| *k != seq("j")));
    let active = map.active_bindings(Context::Reader);
    assert!(active.contains(&(seq("j"), Action::Down)));
    let mut map = Keymap::defaults();
    map.bind(Context::Reader, seq("j"), Action::NextParagraph);
    let active = map.active_bindings(Context::Reader);
    assert!(!active.contains(&(seq("j"), Action::Down)));
    assert_eq!(
        map.keys_for(Context::Reader, Action::Down),
        vec![seq("<Down>")]
    );
    assert_eq!(
        map.keys_for(Context::Reader, Action::JumpForward),
        vec![seq("<C-i>"), seq("<A-i>")]
    );
}

#[test]
fn merge_reports_bad_entries_and_keeps_the_rest() {
    let src = r#"
"j" = "next_paragraph"
"zz" = "fold_everything"
"<C-" = "down"
"k" = 3
"1x" = "top"
"gg" = "top"
"g" = "bottom"
"<S-Tab>" = "focus_prev"
"<BackTab>" = "focus_next"
"o" = "none"
"<C-c>" = "none"
"#;
    let doc = DeTable::parse(src).unwrap();
    let mut map = Keymap::defaults();
    let errors = map.merge_table(Context::Reader, doc.get_ref(), "[keys.reader]");
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            r#"unknown action "fold_everything" for key "zz" in [keys.reader]"#,
            r#"invalid key sequence "<C-" in [keys.reader]: unclosed '<' (write <lt> for the < key)"#,
            r#"expected an action name (a string) for key "k" in [keys.reader]"#,
            r#"key "1x" in [keys.reader] starts with a digit, which types a count"#,
            r#"key "g" in [keys.reader] is ignored: it clashes with "gg" (one is the start of the other)"#,
            r#"key "<BackTab>" in [keys.reader] is ignored: "<S-Tab>" is the same key"#,
            r#"key "<C-c>" in [keys.reader] is ignored: Ctrl-c always quits"#,
        ]
    );
    assert_eq!(&src[errors[0].span.clone()], "\"zz\"");
    assert_eq!(
        map.lookup(Context::Reader, &seq("j")),
        Some(Action::NextParagraph)
    );
    assert_eq!(map.lookup(Context::Reader, &seq("gg")), Some(Action::Top));
    assert_eq!(
        map.lookup(Context::Reader, &seq("<S-Tab>")),
        Some(Action::FocusPrev)
    );
    assert_eq!(map.lookup(Context::Reader, &seq("o")), None);
}

#[test]
fn resolving_does_not_grow_the_buffer_unboundedly() {
    let map = Keymap::defaults();
    let mut p = PendingKeys::default();
    for _ in 0..1000 {
        resolve(&map, Context::Reader, &mut p, Key::char('z'));
    }
    // z z: the second z is not a continuation, so the state keeps resetting.
    assert!(p.keys.len() <= 1);
}
