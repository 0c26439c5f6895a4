//! The renderer's tables by shape key ([`ShapeCache`]): a flat array indexed by the key's
//! radius bin, depth bin and state, so that a frame looks a table up per dot with no
//! hashing, and can name it by its slot while it draws.

use std::sync::Arc;

use super::{ShapeKey, DEPTH_BINS, RADIUS_BINS};
use crate::engine::render::timeline::DotState;

/// Tables by shape key, in a flat array: a frame looks one up per dot, so no hashing.
#[derive(Clone, Debug)]
pub(in crate::engine::render) struct ShapeCache<T> {
    pub(in crate::engine::render) slots: Vec<Option<Arc<T>>>,
}

impl<T> Default for ShapeCache<T> {
    fn default() -> Self {
        ShapeCache { slots: Vec::new() }
    }
}

impl<T> ShapeCache<T> {
    pub(in crate::engine::render) fn index(key: ShapeKey) -> usize {
        let rb = key.0.clamp(0, RADIUS_BINS as i32 - 1) as usize;
        let zb = key.1.clamp(0, DEPTH_BINS as i32 - 1) as usize;
        let state = usize::from(key.2 == DotState::Fresh);
        (state * DEPTH_BINS + zb) * RADIUS_BINS + rb
    }

    pub(in crate::engine::render) fn get_or_insert_with(
        &mut self,
        key: ShapeKey,
        make: impl FnOnce() -> Arc<T>,
    ) -> &T {
        if self.slots.is_empty() {
            self.slots = vec![None; 2 * DEPTH_BINS * RADIUS_BINS];
        }
        self.slots[Self::index(key)].get_or_insert_with(make)
    }

    /// `key`'s entry, built with `make` if it has none, and whether it was built.
    pub(in crate::engine::render) fn get_or_build(
        &mut self,
        key: ShapeKey,
        make: impl FnOnce() -> Arc<T>,
    ) -> (&T, bool) {
        let mut built = false;
        let entry = self.get_or_insert_with(key, || {
            built = true;
            make()
        });
        (entry, built)
    }

    /// As [`ShapeCache::get_or_build`], giving the entry's slot (for [`ShapeCache::at`]).
    pub(in crate::engine::render) fn slot_or_build(
        &mut self,
        key: ShapeKey,
        make: impl FnOnce() -> Arc<T>,
    ) -> (usize, bool) {
        let built = self.get_or_build(key, make).1;
        (Self::index(key), built)
    }

    /// The entry in `slot`, if built.
    pub(in crate::engine::render) fn at(&self, slot: usize) -> Option<&T> {
        self.slots.get(slot)?.as_deref()
    }

    pub(in crate::engine::render) fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = None);
    }
}
