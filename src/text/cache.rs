//! Memoized layouts, so a frame never lays out an unchanged paragraph again.
//!
//! Key: (paragraph text, width, mode, direction override). Entries are
//! bucketed by a hash of the key and the text is compared in full, so two
//! paragraphs can never share a layout by a hash collision. Layouts are
//! computed lazily on `get`, so after a resize only what is drawn is laid
//! out again. The cache is bounded: when it reaches `capacity` entries it is
//! cleared (a resize storm cannot grow it without limit).

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{Layout, LayoutOptions, layout};

const DEFAULT_CAPACITY: usize = 8192;

struct Entry {
    text: Box<str>,
    opts: LayoutOptions,
    layout: Arc<Layout>,
}

pub struct LayoutCache {
    buckets: HashMap<u64, Vec<Entry>>,
    len: usize,
    capacity: usize,
    misses: u64,
}

impl Default for LayoutCache {
    fn default() -> Self {
        LayoutCache::new()
    }
}

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutCache")
            .field("len", &self.len)
            .field("misses", &self.misses)
            .finish()
    }
}

impl LayoutCache {
    pub fn new() -> Self {
        LayoutCache::with_capacity(DEFAULT_CAPACITY)
    }

    pub fn with_capacity(capacity: usize) -> Self {
        LayoutCache {
            buckets: HashMap::new(),
            len: 0,
            capacity: capacity.max(1),
            misses: 0,
        }
    }

    /// The layout of `paragraph` for `opts`, computed at most once.
    pub fn get(&mut self, paragraph: &str, opts: &LayoutOptions) -> Arc<Layout> {
        let key = key(paragraph, opts);
        if let Some(found) = self.find(key, paragraph, opts) {
            return found;
        }
        if self.len >= self.capacity {
            self.clear();
        }
        self.misses += 1;
        let laid = Arc::new(layout(paragraph, opts));
        let entry = Entry {
            text: paragraph.into(),
            opts: *opts,
            layout: Arc::clone(&laid),
        };
        self.buckets.entry(key).or_default().push(entry);
        self.len += 1;
        laid
    }

    fn find(&self, key: u64, paragraph: &str, opts: &LayoutOptions) -> Option<Arc<Layout>> {
        let bucket = self.buckets.get(&key)?;
        let entry = bucket
            .iter()
            .find(|e| e.opts == *opts && &*e.text == paragraph)?;
        Some(Arc::clone(&entry.layout))
    }

    pub fn clear(&mut self) {
        self.buckets.clear();
        self.len = 0;
    }

    /// Number of cached layouts.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many layouts were computed (cache misses) since creation.
    pub fn misses(&self) -> u64 {
        self.misses
    }
}

fn key(paragraph: &str, opts: &LayoutOptions) -> u64 {
    let mut h = DefaultHasher::new();
    paragraph.hash(&mut h);
    opts.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::BidiMode;

    #[test]
    fn the_cache_keeps_layouts_until_it_is_full_then_starts_again() {
        let opts = LayoutOptions {
            width: 20,
            mode: BidiMode::App,
            direction: None,
        };
        let mut cache = LayoutCache::with_capacity(3);
        assert!(cache.is_empty());
        for text in ["a", "b", "c"] {
            cache.get(text, &opts);
        }
        assert!(!cache.is_empty());
        assert_eq!((cache.len(), cache.misses()), (3, 3));
        assert_eq!(cache.buckets.len(), 3, "a bucket for each paragraph");
        cache.get("b", &opts);
        assert_eq!((cache.len(), cache.misses()), (3, 3), "found again");
        cache.get("d", &opts);
        assert_eq!((cache.len(), cache.misses()), (1, 4), "full: cleared first");
        cache.get("a", &opts);
        assert_eq!((cache.len(), cache.misses()), (2, 5), "gone with the rest");
    }

    #[test]
    fn a_bucket_shared_by_two_paragraphs_gives_each_its_own_layout() {
        let opts = LayoutOptions {
            width: 20,
            mode: BidiMode::App,
            direction: None,
        };
        let mut cache = LayoutCache::new();
        let a = cache.get("a", &opts);
        let b = cache.get("b", &opts);
        // As if the two keys collided: both entries in one bucket.
        let shared = 7;
        let mut bucket = std::mem::take(&mut cache.buckets)
            .into_values()
            .flatten()
            .collect::<Vec<_>>();
        bucket.sort_by(|x, y| x.text.cmp(&y.text));
        cache.buckets.insert(shared, bucket);
        let found = cache.find(shared, "b", &opts).map(|l| Arc::ptr_eq(&l, &b));
        assert_eq!(found, Some(true), "the text decides, not the bucket");
        let found = cache.find(shared, "a", &opts).map(|l| Arc::ptr_eq(&l, &a));
        assert_eq!(found, Some(true));
        let other = LayoutOptions { width: 21, ..opts };
        assert!(
            cache.find(shared, "a", &other).is_none(),
            "nor the text alone"
        );
    }

    #[test]
    fn debug_shows_the_size_and_the_misses() {
        let mut cache = LayoutCache::new();
        let opts = LayoutOptions {
            width: 20,
            mode: BidiMode::App,
            direction: None,
        };
        cache.get("a", &opts);
        cache.get("a", &opts);
        assert_eq!(format!("{cache:?}"), "LayoutCache { len: 1, misses: 1 }");
    }
}
