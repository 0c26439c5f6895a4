//! The buffers an [`ImpressionRenderer`](super::ImpressionRenderer) keeps between calls:
//! the close-up dots' absorbance scratch and the queue that puts whole-head dots in order
//! of their rows. Both are reused, bounded by the largest call, and counted in one
//! process-wide figure so that a reading of the memory in use can tell them from growth.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use crate::engine::render::appearance::LANES;

/// Bytes held in the absorbance scratch of every renderer of this process: a reading of
/// the memory in use can tell these bounded, reused buffers (at most about 2 MB a renderer,
/// see [`SCRATCH_PX`](super::SCRATCH_PX)) from growth, as it does the scenes' spare frames.
static SCRATCH_BYTES: AtomicUsize = AtomicUsize::new(0);

/// Bytes held in absorbance scratch now, by all renderers.
pub fn scratch_bytes() -> usize {
    SCRATCH_BYTES.load(Relaxed)
}

/// A renderer's absorbance scratch, counted in [`SCRATCH_BYTES`].
#[derive(Debug, Default)]
pub(super) struct Scratch(pub(super) Vec<[u16; LANES]>);

impl Scratch {
    /// Makes it at least `cells` long (zero-filled), counting what it grew by.
    pub(super) fn ensure(&mut self, cells: usize) {
        if self.0.len() < cells {
            let before = self.0.capacity();
            self.0.resize(cells, [0; LANES]);
            SCRATCH_BYTES.fetch_add(
                (self.0.capacity() - before) * size_of::<[u16; LANES]>(),
                Relaxed,
            );
        }
    }
}

impl Clone for Scratch {
    /// A copy of a renderer starts with none (it is all zero between calls).
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        SCRATCH_BYTES.fetch_sub(self.0.capacity() * size_of::<[u16; LANES]>(), Relaxed);
    }
}

/// A whole-head dot waiting to be drawn: its centre (px), its amount of pigment and the
/// cache slot of its kernel.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct QueuedDot {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) amount: f32,
    pub(super) slot: u32,
}

/// Rows of the frame per step of [`DotQueue::in_row_order`]: a step's dots touch a few rows
/// of pixels (6 at whole-head zoom, 46 KB of a 1920 px frame), which stay in the cache.
const QUEUE_ROWS: i64 = 4;

/// The whole-head dots of one draw call and their copy in row order, kept between calls
/// and counted in [`SCRATCH_BYTES`] like the absorbance scratch (16 bytes a dot, twice: a
/// sorted copy read in order drew a frame faster than indices into the dots, 10.3 against
/// 11.0–11.3 ms in `node bench/run.mjs`). Made the size of a call's dots at once, not grown
/// by doubling, which leaves its old block behind in the heap of large blocks at each step.
#[derive(Debug, Default)]
pub(super) struct DotQueue {
    dots: Vec<QueuedDot>,
    sorted: Vec<QueuedDot>,
    /// Dots per step of rows, then where each step starts in `sorted`.
    counts: Vec<u32>,
    counted: usize,
}

impl DotQueue {
    /// Empties the queue for a call that can draw up to `most` dots.
    pub(super) fn start(&mut self, most: usize) {
        self.dots.clear();
        self.dots.reserve_exact(most);
    }

    pub(super) fn push(&mut self, dot: QueuedDot) {
        self.dots.push(dot);
    }

    /// The dots in order of their row steps of the frame (`QUEUE_ROWS` rows each, counted
    /// from row 0, so that the order does not depend on the clip), in the order they were
    /// pushed within a step: a counting sort. `top` is above every dot (px).
    pub(super) fn in_row_order(&mut self, top: f32) -> &[QueuedDot] {
        let first = (top.floor() as i64).div_euclid(QUEUE_ROWS);
        let step =
            |d: &QueuedDot| ((d.y.floor() as i64).div_euclid(QUEUE_ROWS) - first).max(0) as usize;
        let steps = self.dots.iter().map(step).max().map_or(0, |m| m + 1);
        self.counts.clear();
        self.counts.resize(steps + 1, 0);
        for d in &self.dots {
            self.counts[step(d) + 1] += 1;
        }
        for k in 1..self.counts.len() {
            self.counts[k] += self.counts[k - 1];
        }
        self.sorted.clear();
        self.sorted.reserve_exact(self.dots.len());
        self.sorted.resize(self.dots.len(), QueuedDot::default());
        for d in &self.dots {
            let at = &mut self.counts[step(d)];
            self.sorted[*at as usize] = *d;
            *at += 1;
        }
        self.count_bytes();
        &self.sorted
    }

    fn bytes(&self) -> usize {
        (self.dots.capacity() + self.sorted.capacity()) * size_of::<QueuedDot>()
            + self.counts.capacity() * size_of::<u32>()
    }

    /// Brings [`SCRATCH_BYTES`] up to what the queue holds now.
    fn count_bytes(&mut self) {
        let now = self.bytes();
        if now > self.counted {
            SCRATCH_BYTES.fetch_add(now - self.counted, Relaxed);
        } else {
            SCRATCH_BYTES.fetch_sub(self.counted - now, Relaxed);
        }
        self.counted = now;
    }
}

impl Clone for DotQueue {
    /// A copy of a renderer starts with none (it holds nothing between calls).
    fn clone(&self) -> Self {
        DotQueue::default()
    }
}

impl Drop for DotQueue {
    fn drop(&mut self) {
        SCRATCH_BYTES.fetch_sub(self.counted, Relaxed);
    }
}
