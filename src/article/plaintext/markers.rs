//! Memo numbering: the family of a list marker (`(a)`, `a.`, `(ii)`, `iv)`, `A.`, `II.`, `2.`,
//! `•`), nesting items by family, and the level of numbered headings (`2.`, `2.1`, `2.1.3`,
//! `II.`, `A.`) by the order in which their families first appear.

/// How a marker counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// A bullet symbol.
    Bullet(char),
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

/// How a marker is punctuated: `(a)`, `a)`, `a.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Punct {
    Parens,
    Close,
    Dot,
    None,
}

/// A marker's family: items of one family are siblings.
pub(super) type Family = (Count, Punct);

/// The value of a Roman numeral of `i`, `v` and `x` (all lower or all upper case), up to 39.
pub(super) fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let lower = s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    let upper = s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    if !(lower || upper) {
        return None;
    }
    let val = |b: u8| match b.to_ascii_lowercase() {
        b'i' => 1,
        b'v' => 5,
        _ => 10,
    };
    let b = s.as_bytes();
    let mut total = 0i32;
    for k in 0..b.len() {
        let v = val(b[k]);
        if b.get(k + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // Only canonical spellings: "iiii" or "vx" are not numerals.
    let n = u32::try_from(total).ok().filter(|n| (1..40).contains(n))?;
    (to_roman(n) == s.to_ascii_lowercase()).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The label and punctuation of a marker as written (`(iv)` → `iv`, Parens).
fn split(marker: &str) -> (&str, Punct) {
    let m = marker.trim();
    if let Some(inner) = m.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (inner, Punct::Parens)
    } else if let Some(l) = m.strip_suffix(')') {
        (l, Punct::Close)
    } else if let Some(l) = m.strip_suffix('.') {
        (l, Punct::Dot)
    } else {
        (m, Punct::None)
    }
}

/// The family and number of a marker. A single `i`, `v` or `x` is a letter when it follows
/// the letter before it in an open list (`after_letter` says which letter-family ordinal the
/// open list of that family reached), else a Roman numeral.
pub(super) fn family(marker: &str, after_letter: impl Fn(Family) -> Option<u32>) -> (Family, u32) {
    let (label, punct) = split(marker);
    let mut cs = label.chars();
    let (Some(c), rest) = (cs.next(), cs.as_str()) else {
        return ((Count::Bullet(' '), punct), 0);
    };
    if label.bytes().all(|b| b.is_ascii_digit()) {
        return ((Count::Decimal, punct), label.parse().unwrap_or(0));
    }
    if !c.is_ascii_alphabetic() {
        // Bullets of any symbol are one family: nesting by symbol is left to indentation.
        return ((Count::Bullet(' '), Punct::None), 0);
    }
    let upper = c.is_ascii_uppercase();
    let (alpha, rom) = if upper {
        (Count::UpperAlpha, Count::UpperRoman)
    } else {
        (Count::LowerAlpha, Count::LowerRoman)
    };
    if rest.is_empty() {
        let letter = (c.to_ascii_lowercase() as u32) - ('a' as u32) + 1;
        if matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x')
            && after_letter((alpha, punct)) != Some(letter - 1)
        {
            return ((rom, punct), roman(label).unwrap_or(1));
        }
        return ((alpha, punct), letter);
    }
    ((rom, punct), roman(label).unwrap_or(0))
}

/// May `marker` (an upper-case letter or numeral with a dot: `A.`, `II.`) be an initial at the
/// start of a wrapped line (`J. Smith`) rather than a marker?
pub(super) fn initial_like(marker: &str) -> bool {
    let (label, punct) = split(marker);
    punct == Punct::Dot && label.bytes().all(|b| b.is_ascii_uppercase()) && label.len() <= 2
}

/// Nesting of list items by indentation and family: an item of a family already open (at
/// its indentation or less) is a sibling there; a new family, or a deeper indentation, opens
/// a level.
#[derive(Default)]
pub(super) struct Nesting {
    /// Open levels, outermost first: indentation, family, last number.
    open: Vec<(usize, Family, u32)>,
}

impl Nesting {
    pub(super) fn clear(&mut self) {
        self.open.clear();
    }

    /// Place an item; returns its depth and number.
    pub(super) fn place(&mut self, indent: usize, marker: &str) -> (usize, u32) {
        let open = &self.open;
        let (fam, n) = family(marker, |f| {
            open.iter()
                .rev()
                .find(|(_, g, _)| *g == f)
                .map(|&(_, _, n)| n)
        });
        while self.open.last().is_some_and(|&(i, _, _)| i > indent) {
            self.open.pop();
        }
        // A deeper indentation opens a level whatever the marker; at one indentation, an open
        // family is a sibling and a new one a level deeper.
        let deeper = self.open.last().is_some_and(|&(i, _, _)| i < indent);
        if let Some(k) = self
            .open
            .iter()
            .rposition(|&(i, f, _)| f == fam && i == indent)
            .filter(|_| !deeper)
        {
            self.open.truncate(k + 1);
            self.open[k] = (indent, fam, n);
        } else {
            self.open.push((indent, fam, n));
        }
        (self.open.len() - 1, n)
    }
}

/// A marker that may number a heading: `2.`, `II.`, `A.` (not `a.`, `(a)` or `2)`).
pub(super) fn heading_marker(marker: &str) -> bool {
    let m = marker.trim();
    m.ends_with('.') && heading_family(m).is_some()
}

/// Levels of numbered headings: each family's base level is set by the order in which the
/// families first appear; a decimal heading `2.1.3` is two levels below its family's base.
#[derive(Default)]
pub(super) struct HeadingLevels {
    /// Families in order of first appearance, with the deepest decimal depth seen.
    seen: Vec<(Count, u8)>,
}

impl HeadingLevels {
    /// Record a heading numbered `number` (`2.`, `2.1`, `II.`, `A.`).
    pub(super) fn see(&mut self, number: &str) {
        let Some((count, depth)) = heading_family(number) else {
            return;
        };
        match self.seen.iter_mut().find(|(c, _)| *c == count) {
            Some((_, d)) => *d = (*d).max(depth),
            None => self.seen.push((count, depth)),
        }
    }

    /// The level of a heading numbered `number`, after every heading was seen.
    pub(super) fn level(&self, number: &str) -> Option<u8> {
        let (count, depth) = heading_family(number)?;
        let mut base = 1u8;
        for &(c, d) in &self.seen {
            if c == count {
                return Some(base.saturating_add(depth - 1).min(6));
            }
            base = base.saturating_add(d);
        }
        None
    }
}

/// The family and decimal depth of a heading number: `2.1.3` → (Decimal, 3), `II.` →
/// (UpperRoman, 1), `A.` → (UpperAlpha, 1).
fn heading_family(number: &str) -> Option<(Count, u8)> {
    let n = number.trim().trim_end_matches('.');
    if n.is_empty() {
        return None;
    }
    let parts: Vec<&str> = n.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some((Count::Decimal, parts.len().min(6) as u8));
    }
    if parts.len() != 1 {
        return None;
    }
    if n.len() == 1 && n.bytes().all(|b| b.is_ascii_uppercase()) && n != "I" && n != "V" && n != "X"
    {
        return Some((Count::UpperAlpha, 1));
    }
    if roman(n).is_some() && n.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some((Count::UpperRoman, 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("Mr"), None);
        assert_eq!(roman("vx"), None);
    }

    #[test]
    fn families_nest() {
        let mut n = Nesting::default();
        let got: Vec<(usize, u32)> = ["(a)", "(i)", "(ii)", "(b)", "(h)", "(i)", "1.", "(c)"]
            .iter()
            .map(|m| n.place(0, m))
            .collect();
        // (i) after (h) is the letter i; after (a) it is a numeral.
        assert_eq!(
            got,
            [
                (0, 1),
                (1, 1),
                (1, 2),
                (0, 2),
                (0, 8),
                (0, 9),
                (1, 1),
                (0, 3)
            ]
        );
    }

    #[test]
    fn heading_levels_follow_first_appearance() {
        let mut h = HeadingLevels::default();
        for n in ["I.", "A.", "1.", "1.1", "B.", "II."] {
            h.see(n);
        }
        assert_eq!(h.level("II."), Some(1));
        assert_eq!(h.level("B."), Some(2));
        assert_eq!(h.level("1."), Some(3));
        assert_eq!(h.level("1.1"), Some(4));
        let mut d = HeadingLevels::default();
        for n in ["2.", "2.1", "2.1.3"] {
            d.see(n);
        }
        assert_eq!(
            ["2.", "2.1", "2.1.3"].map(|n| d.level(n)),
            [Some(1), Some(2), Some(3)]
        );
    }
}
