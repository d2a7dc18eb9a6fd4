//! Code-point and byte offsets of one text, converted in constant time from a small index.

use super::floor_char;

/// Code-point ↔ byte offsets of one text: char counts at every [`BLOCK`] bytes, counted a
/// word (8 bytes) at a time.
pub struct Offsets {
    /// Chars before byte `k * BLOCK`.
    counts: Vec<usize>,
    ascii: bool,
}

const BLOCK: usize = 64;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Chars that start in these bytes (bytes that are not UTF-8 continuation bytes `10xxxxxx`).
pub(super) fn chars_in(b: &[u8]) -> usize {
    let mut words = b.chunks_exact(8);
    let mut cont = 0usize;
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        // bit 7 set and bit 6 clear
        cont += (x & !(x << 1) & HIGH).count_ones() as usize;
    }
    let rest = words.remainder();
    b.len() - cont - rest.iter().filter(|&&x| (x as i8) < -0x40).count()
}

impl Offsets {
    pub fn new(s: &str) -> Offsets {
        let b = s.as_bytes();
        let mut counts = Vec::with_capacity(b.len() / BLOCK + 1);
        let mut n = 0usize;
        for chunk in b.chunks(BLOCK) {
            counts.push(n);
            n += chars_in(chunk);
        }
        Offsets {
            ascii: n == b.len(),
            counts,
        }
    }

    /// Code-point offset of byte `byte` (floored to a char boundary).
    pub fn char_of(&self, s: &str, byte: usize) -> usize {
        let byte = floor_char(s, byte);
        if self.ascii {
            return byte;
        }
        let k = byte / BLOCK;
        let base = self.counts.get(k).copied().unwrap_or(0);
        base + chars_in(&s.as_bytes()[k * BLOCK..byte])
    }

    /// Byte offset of code-point offset `ch` (clamped to the end).
    pub fn byte_of(&self, s: &str, ch: usize) -> usize {
        if self.ascii {
            return ch.min(s.len());
        }
        let k = self.counts.partition_point(|&c| c <= ch).saturating_sub(1);
        let mut left = ch - self.counts.get(k).copied().unwrap_or(0);
        let b = s.as_bytes();
        let mut i = k * BLOCK;
        // Whole words while the char sought is past them.
        while i + 8 <= b.len() {
            let n = chars_in(&b[i..i + 8]);
            if n >= left {
                break;
            }
            left -= n;
            i += 8;
        }
        while i < b.len() {
            if (b[i] as i8) >= -0x40 {
                if left == 0 {
                    return i;
                }
                left -= 1;
            }
            i += 1;
        }
        s.len()
    }
}
