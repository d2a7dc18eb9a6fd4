//! Words for ranking sentences: a one-pass scan that counts content words and cue phrases, and
//! word identities for similarity. Short ASCII words are packed into an integer and looked up in
//! compile-time tables of stop words and cues.

/// Single-word cues, lowercase: "key", "must", "should", "recommend", "critical", …
pub(super) const CUES: [&[u8]; 16] = [
    b"key",
    b"must",
    b"should",
    b"recommend",
    b"recommends",
    b"recommended",
    b"recommendation",
    b"recommendations",
    b"critical",
    b"crucial",
    b"essential",
    b"important",
    b"importantly",
    b"therefore",
    b"priority",
    b"priorities",
];

/// Two-word cues, lowercase: "in short", "in sum", "in conclusion", "above all", "bottom line",
/// "the central", "the main".
pub(super) const CUE_PAIRS: [(&[u8], &[u8]); 7] = [
    (b"in", b"short"),
    (b"in", b"sum"),
    (b"in", b"conclusion"),
    (b"above", b"all"),
    (b"bottom", b"line"),
    (b"the", b"central"),
    (b"the", b"main"),
];

pub(super) const STOP_WORDS: [&[u8]; 129] = [
    b"a", b"about", b"above", b"after", b"again", b"against", b"all", b"also", b"am", b"an",
    b"and", b"any", b"are", b"as", b"at", b"be", b"because", b"been", b"before", b"being",
    b"below", b"between", b"both", b"but", b"by", b"can", b"could", b"did", b"do", b"does",
    b"doing", b"down", b"during", b"each", b"few", b"for", b"from", b"further", b"had", b"has",
    b"have", b"having", b"he", b"her", b"here", b"hers", b"herself", b"him", b"himself", b"his",
    b"how", b"i", b"if", b"in", b"into", b"is", b"it", b"its", b"itself", b"just", b"may", b"me",
    b"might", b"more", b"most", b"much", b"my", b"no", b"nor", b"not", b"now", b"of", b"off",
    b"on", b"once", b"one", b"only", b"or", b"other", b"our", b"ours", b"out", b"over", b"own",
    b"same", b"she", b"so", b"some", b"such", b"than", b"that", b"the", b"their", b"theirs",
    b"them", b"then", b"there", b"these", b"they", b"this", b"those", b"through", b"to", b"too",
    b"under", b"until", b"up", b"upon", b"us", b"very", b"was", b"we", b"were", b"what", b"when",
    b"where", b"which", b"while", b"who", b"whom", b"why", b"will", b"with", b"would", b"yet",
    b"you", b"your", b"s", b"t",
];

/// Longest word compared against the cue and stop-word lists; longer words are neither.
pub(super) const SHORT_WORD: usize = 16;

/// A lowercased ASCII word of at most [`SHORT_WORD`] bytes packed little-endian into a `u128`
/// (0 for the empty word), so that list lookups compare integers.
type Key = u128;

pub(super) const fn key(w: &[u8]) -> Key {
    let mut k = 0;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i].to_ascii_lowercase() as Key) << (8 * i);
        i += 1;
    }
    k
}

/// The 64-bit hash of a packed word (a multiply-xorshift mix of its two halves).
pub(super) const fn mix(k: Key) -> u64 {
    let lo = k as u64;
    let hi = (k >> 64) as u64;
    let mut h = lo.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ hi.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    h ^= h >> 32;
    h = h.wrapping_mul(0x1656_67b1_9e37_79f9);
    h ^ (h >> 29)
}

/// Flags of a word in [`LISTS`].
pub(super) const STOP: u8 = 1;
pub(super) const CUE: u8 = 2;
pub(super) const PAIR_FIRST: u8 = 4;
pub(super) const PAIR_SECOND: u8 = 8;

pub(super) const LIST_SLOTS: usize = 512;

/// Every listed word with its flags, in an open-addressing table indexed by the word's
/// [`mix`] (built at compile time), so that one probe usually answers all the list questions.
/// A slot with no flags is empty.
pub(super) const LISTS: [(Key, u8); LIST_SLOTS] = {
    let mut t = [(0, 0); LIST_SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        add(&mut t, STOP_WORDS[i], STOP);
        i += 1;
    }
    i = 0;
    while i < CUES.len() {
        add(&mut t, CUES[i], CUE);
        i += 1;
    }
    i = 0;
    while i < CUE_PAIRS.len() {
        add(&mut t, CUE_PAIRS[i].0, PAIR_FIRST);
        add(&mut t, CUE_PAIRS[i].1, PAIR_SECOND);
        i += 1;
    }
    t
};

pub(super) const fn add(t: &mut [(Key, u8); LIST_SLOTS], w: &[u8], flag: u8) {
    let k = key(w);
    let mut slot = mix(k) as usize % LIST_SLOTS;
    while t[slot].1 != 0 && t[slot].0 != k {
        slot = (slot + 1) % LIST_SLOTS;
    }
    t[slot] = (k, t[slot].1 | flag);
}

/// The flags of the word with key `k` (0 when it is in no list).
pub(super) fn flags(k: Key) -> u8 {
    let mut slot = mix(k) as usize % LIST_SLOTS;
    loop {
        let (key, f) = LISTS[slot];
        if f == 0 || key == k {
            return f;
        }
        slot = (slot + 1) % LIST_SLOTS;
    }
}

pub(super) const CUE_PAIR_KEYS: [(Key, Key); CUE_PAIRS.len()] = {
    let mut out = [(0, 0); CUE_PAIRS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = (key(CUE_PAIRS[i].0), key(CUE_PAIRS[i].1));
        i += 1;
    }
    out
};

#[cfg(test)]
pub(super) fn is_cue(w: &[u8]) -> bool {
    flags(key(w)) & CUE != 0
}

#[cfg(test)]
pub(super) fn is_stop_word(w: &[u8]) -> bool {
    flags(key(w)) & STOP != 0
}

/// What one pass over a sentence finds.
#[derive(Default, Debug, PartialEq, Eq)]
pub(super) struct Scan {
    pub(super) words: usize,
    pub(super) cues: usize,
}

/// Byte classes for the word scan.
pub(super) const SEP: u8 = 0;
pub(super) const ALNUM: u8 = 1;
pub(super) const WIDE: u8 = 2;

pub(super) const CLASS: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut x = 0;
    while x < 256 {
        let b = x as u8;
        t[x] = if b >= 0x80 {
            WIDE
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEP
        };
        x += 1;
    }
    t
};

/// Is the non-ASCII char at byte `i` alphanumeric, and how long is it? General punctuation
/// (`“ ” ’ —`, U+2000..U+203F, UTF-8 `E2 80 xx`) is answered without decoding.
pub(super) fn wide_char(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) {
        return (false, 3);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c.is_alphanumeric(), c.len_utf8())
}

/// The key of the ASCII alphanumeric word `b[start..end]` (at most [`SHORT_WORD`] bytes):
/// for such bytes, setting bit 5 lowercases letters and leaves digits alone. Reads 16 bytes
/// at once when the text goes on that far.
pub(super) fn alnum_key(b: &[u8], start: usize, end: usize) -> Key {
    let n = end - start;
    let raw = match b.get(start..start + SHORT_WORD) {
        Some(chunk) => Key::from_le_bytes(chunk.try_into().unwrap_or([0; SHORT_WORD])),
        None => {
            let mut buf = [0u8; SHORT_WORD];
            buf[..n].copy_from_slice(&b[start..end]);
            Key::from_le_bytes(buf)
        }
    };
    let mask = if n == SHORT_WORD {
        Key::MAX
    } else {
        (1 << (8 * n)) - 1
    };
    (raw | 0x2020_2020_2020_2020_2020_2020_2020_2020) & mask
}

/// One pass over a sentence: counts words and cues and, when `tokens` is given, appends the
/// [`word_hash`] of each content word (stop words removed).
///
/// Words are maximal runs of alphanumeric chars: ASCII is classified by table, other chars
/// are decoded ([`wide_char`]). A short ASCII word is packed once, and that key answers the
/// list lookups and gives the hash.
pub(super) fn scan(s: &str, mut tokens: Option<&mut Vec<u64>>) -> Scan {
    let mut out = Scan::default();
    let b = s.as_bytes();
    let (mut prev, mut prev_flags): (Key, u8) = (0, 0);
    let mut i = 0;
    loop {
        // Skip to the next word.
        let start = loop {
            let Some(&x) = b.get(i) else {
                return out;
            };
            match CLASS[usize::from(x)] {
                ALNUM => break i,
                SEP => i += 1,
                _ => match wide_char(s, i) {
                    (true, _) => break i,
                    (false, n) => i += n,
                },
            }
        };
        let mut ascii = true;
        while let Some(&x) = b.get(i) {
            match CLASS[usize::from(x)] {
                ALNUM => i += 1,
                SEP => break,
                _ => match wide_char(s, i) {
                    (true, n) => {
                        ascii = false;
                        i += n;
                    }
                    (false, _) => break,
                },
            }
        }
        let w = &b[start..i];
        out.words += 1;
        let short = ascii && w.len() <= SHORT_WORD;
        let (k, f) = if short {
            let k = alnum_key(b, start, i);
            (k, flags(k))
        } else {
            (0, 0)
        };
        if f & CUE != 0
            || f & PAIR_SECOND != 0
                && prev_flags & PAIR_FIRST != 0
                && CUE_PAIR_KEYS.contains(&(prev, k))
        {
            out.cues += 1;
        }
        if let Some(t) = tokens.as_deref_mut()
            && f & STOP == 0
        {
            t.push(if short {
                let n = w.len();
                let plural = n > 3 && w[n - 1] | 0x20 == b's' && w[n - 2] | 0x20 != b's';
                mix(if plural {
                    k & !(0xff << (8 * (n - 1)))
                } else {
                    k
                })
            } else {
                word_hash(&s[start..i])
            });
        }
        prev = k;
        prev_flags = f;
    }
}

/// The identity of a word for similarity: lowercased, with a plural `s` dropped (`Tariffs` →
/// `tariff`, but not `class` or `bus`); then [`mix`] of its key when that is short ASCII,
/// else FNV-1a of its UTF-8.
pub(super) fn word_hash(w: &str) -> u64 {
    let n = w.chars().count();
    let plural = n > 3 && w.ends_with(['s', 'S']) && !w[..w.len() - 1].ends_with(['s', 'S']);
    let stem = if plural { &w[..w.len() - 1] } else { w };
    let lower: String = stem.chars().flat_map(char::to_lowercase).collect();
    if lower.is_ascii() && lower.len() <= SHORT_WORD {
        return mix(key(lower.as_bytes()));
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in lower.as_bytes() {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}
