//! The scene's spare frame-sized pixmaps, reused instead of freed and allocated again.
//!
//! Why: a whole repaint needs a new frame (the last one stays on screen until the new one
//! is done) and a new head or view a new background, each a canvas-sized buffer (4 MB for
//! a 1366 × 742 stage). Freed and allocated afresh every time, they left 4 MB holes that
//! smaller allocations (dot lists, band pixmaps, photo buffers) split, so the next one no
//! longer fitted and the wasm memory grew by another 4 MB (it never shrinks): measured by
//! the soak, 39 → 66 MB over 1,000 actions with 20 MB in use. Kept here, the same few
//! buffers serve every frame; the memory in use is then what the busiest moment needs,
//! and the high-water mark stops climbing.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use crate::engine::render::raster::{Pixmap, Rgba};

/// Bytes held in spare pixmaps by every scene of this process: a reading of the memory in
/// use can tell buffers kept for reuse (at most [`MOST_SPARE`] frames a scene) from growth.
static SPARE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// Bytes held in spare pixmaps now, by all scenes.
pub fn spare_bytes() -> usize {
    SPARE_BYTES.load(Relaxed)
}

fn bytes_of(pixmap: &Pixmap) -> usize {
    pixmap.data().len()
}

/// Spare buffers kept at most: a frame in parts at a new view gives the last frame and
/// background back before it takes its own two, and a frame given up keeps its two here.
const MOST_SPARE: usize = 2;

/// Spare pixmaps of one size, and scratch bands for painting the background (two: the
/// full band height and the last, shorter band of a frame).
#[derive(Debug, Default)]
pub(super) struct PixmapPool {
    spare: Vec<Pixmap>,
    bands: [Option<Pixmap>; 2],
}

impl Drop for PixmapPool {
    fn drop(&mut self) {
        self.free_spares();
    }
}

impl Clone for PixmapPool {
    /// A copy of a scene starts with no spares (they hold no picture worth copying).
    fn clone(&self) -> Self {
        PixmapPool::default()
    }
}

impl PixmapPool {
    /// A `width` × `height` pixmap with any content (every caller paints all of it): a
    /// spare if one fits, else a new one; `None` for an unusable size.
    pub(super) fn take(&mut self, width: u32, height: u32) -> Option<Pixmap> {
        match self
            .spare
            .iter()
            .position(|p| (p.width(), p.height()) == (width, height))
        {
            Some(i) => {
                let pixmap = self.spare.swap_remove(i);
                SPARE_BYTES.fetch_sub(bytes_of(&pixmap), Relaxed);
                Some(pixmap)
            }
            None => {
                self.free_spares(); // another canvas size: the old spares fit nothing now
                Pixmap::new_for_overwrite(width, height)
            }
        }
    }

    /// Keeps `pixmap` for a later `take` (beyond [`MOST_SPARE`], it is freed).
    pub(super) fn give(&mut self, pixmap: Pixmap) {
        if self.spare.len() < MOST_SPARE {
            SPARE_BYTES.fetch_add(bytes_of(&pixmap), Relaxed);
            self.spare.push(pixmap);
        }
    }

    fn free_spares(&mut self) {
        for pixmap in self.spare.drain(..) {
            SPARE_BYTES.fetch_sub(bytes_of(&pixmap), Relaxed);
        }
    }

    /// How many spares of `width` × `height` are kept.
    #[cfg(test)]
    pub(super) fn spares_of(&self, width: u32, height: u32) -> usize {
        self.spare
            .iter()
            .filter(|p| (p.width(), p.height()) == (width, height))
            .count()
    }

    /// A `width` × `rows` band filled with `colour`, reused from an earlier call of that
    /// size (the two sizes a frame's bands come in are both kept).
    pub(super) fn band(&mut self, width: u32, rows: u32, colour: Rgba) -> Option<&mut Pixmap> {
        let fits =
            |b: &Option<Pixmap>| matches!(b, Some(b) if (b.width(), b.height()) == (width, rows));
        let i = match (fits(&self.bands[0]), fits(&self.bands[1])) {
            (true, _) => 0,
            (_, true) => 1,
            // A new size replaces the shorter band (the full height is the common one).
            _ => {
                let height = |b: &Option<Pixmap>| b.as_ref().map_or(0, |b| b.height());
                let i = usize::from(height(&self.bands[1]) < height(&self.bands[0]));
                self.bands[i] = Some(Pixmap::new(width, rows, colour)?);
                return self.bands[i].as_mut();
            }
        };
        let band = self.bands[i].as_mut()?;
        band.clear(colour);
        Some(band)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_pixmap_is_taken_again_and_another_size_starts_afresh() {
        let mut pool = PixmapPool::default();
        let mut first = pool.take(40, 30).unwrap();
        first.data_mut()[0] = 7;
        pool.give(first);
        let again = pool.take(40, 30).unwrap();
        assert_eq!(again.data()[0], 7, "the same buffer");
        pool.give(again);
        let other = pool.take(50, 30).unwrap();
        assert_eq!((other.width(), other.height()), (50, 30));
        assert!(pool.spare.is_empty(), "spares of the old size are freed");
        for _ in 0..4 {
            pool.give(Pixmap::new(50, 30, Rgba(0, 0, 0, 255)).unwrap());
        }
        assert_eq!(pool.spare.len(), MOST_SPARE);
        assert!(pool.take(0, 30).is_none());
    }

    #[test]
    fn a_reused_band_is_cleared_to_the_colour_asked() {
        let mut pool = PixmapPool::default();
        let colour = Rgba(10, 20, 30, 255);
        pool.band(8, 4, colour).unwrap().data_mut().fill(0);
        pool.band(8, 3, colour).unwrap().data_mut().fill(0);
        let band = pool.band(8, 4, colour).unwrap();
        assert!(band.data().chunks(4).all(|p| p == [10, 20, 30, 255]));
        assert_eq!(band.height(), 4);
        assert_eq!(pool.band(8, 3, colour).unwrap().height(), 3);
        assert!(pool.bands.iter().all(Option::is_some), "both sizes kept");
    }
}
