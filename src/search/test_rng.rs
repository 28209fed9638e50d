//! A small seeded generator (xorshift) for the search module's tests, so
//! failures reproduce.

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// A number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// Up to `max` characters drawn from `alphabet` (not empty).
    pub(crate) fn string(&mut self, alphabet: &[char], max: usize) -> Vec<char> {
        let n = self.below(max + 1);
        (0..n)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}
