//! Counts the bytes the engine holds on its heap, so that a long run (a kiosk, a soak) can
//! tell memory in use from the wasm linear memory's size, which is a high-water mark: wasm
//! memory grows and never shrinks, so a reading of its size says how much was needed at the
//! busiest moment so far, not whether anything leaks. And keeps that high-water mark near
//! the busiest moment's real need, by keeping large buffers and small objects apart.
//!
//! How: the global allocator is two dlmalloc heaps (the allocator std itself uses on wasm),
//! wrapped in relaxed atomic counters: bytes in use (added on alloc, taken on dealloc, both
//! on realloc), the most in use since the last reading, and the memory each heap took. Blocks of [`LARGE_BLOCK_BYTES`] or more (photos, their work copies and
//! analysis layers, frames, kernel tables) come from one heap, everything else from the
//! other. Why: in one heap a freed 8 MB photo left a hole that the next actions' small
//! objects were carved out of, so the next photo no longer fitted and the memory grew
//! again; a 1,000-action soak grew the wasm memory 6 MB at a photo whose load needed 0.8 MB
//! more than any moment before it (`SOAK_PEAKS=1 scripts/soak`). Apart, a freed large block
//! is kept whole for the next large one. The cost is an atomic add per allocation and one
//! comparison, unmeasurable next to the allocation itself. wasm only; the native CLI and
//! tests keep the plain system allocator.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use dlmalloc::Dlmalloc;
use wasm_bindgen::prelude::*;

/// Blocks this large or larger come from the large heap: four wasm pages. The engine's
/// large buffers are a third of a megabyte and up (a photo's 1 byte a pixel layers are 2
/// MB, a frame 4–8 MB); its small objects (dots, points, strings, tiles) are kilobytes.
pub const LARGE_BLOCK_BYTES: usize = 256 * 1024;

/// The wasm memory each heap has taken, bytes (small, large): what fragmentation in either
/// would show as growth beyond the bytes in use.
static TAKEN: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];

/// Bytes in a wasm page, the unit the memory grows by.
const WASM_PAGE_BYTES: usize = 64 * 1024;

/// The system side of one heap: fresh wasm pages at the memory's end, counted. (As
/// dlmalloc's own wasm side does, except that the room the linker leaves after the static
/// data in the initial memory is not handed to a heap: two heaps must not both take it.)
struct Grown {
    taken: &'static AtomicUsize,
}

// SAFETY: `alloc` returns fresh pages (zeroed, never handed out before) or null, and nothing
// is ever given back or remapped, which dlmalloc is told.
unsafe impl dlmalloc::Allocator for Grown {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let pages = size.div_ceil(WASM_PAGE_BYTES);
        let previous = core::arch::wasm32::memory_grow(0, pages);
        if previous == usize::MAX {
            return (std::ptr::null_mut(), 0, 0);
        }
        let start = previous * WASM_PAGE_BYTES;
        let mut bytes = pages * WASM_PAGE_BYTES;
        if start.wrapping_add(bytes) == 0 {
            // The last pages of the 4 GB address space: a block must not end at address 0
            // (wrapped), so the last bytes are left out, as dlmalloc's own wasm side does.
            bytes -= 16;
        }
        self.taken.fetch_add(bytes, Relaxed);
        (start as *mut u8, bytes, 0)
    }
    fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
        std::ptr::null_mut()
    }
    fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
        false
    }
    fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
        false
    }
    fn can_release_part(&self, _flags: u32) -> bool {
        false
    }
    fn allocates_zeros(&self) -> bool {
        true
    }
    fn page_size(&self) -> usize {
        WASM_PAGE_BYTES
    }
}

/// The two heaps, both of the dlmalloc crate, each growing the wasm memory for itself
/// ([`Grown`]); std's own copy of dlmalloc is never called.
struct TwoHeaps {
    small: UnsafeCell<Dlmalloc<Grown>>,
    large: UnsafeCell<Dlmalloc<Grown>>,
}

// SAFETY: this wasm module runs on one thread (built without the atomics feature; the
// page's engine worker is a separate instance with its own memory), so the heaps are never
// touched from two threads at once.
unsafe impl Sync for TwoHeaps {}

impl TwoHeaps {
    /// The heap that serves blocks of `size` bytes.
    ///
    /// # Safety
    /// One thread only (see the `Sync` impl), and the returned borrow must end before the
    /// next call.
    #[allow(clippy::mut_from_ref)] // the allocator's interior state, as in dlmalloc's own global
    unsafe fn heap(&self, size: usize) -> &mut Dlmalloc<Grown> {
        if size >= LARGE_BLOCK_BYTES {
            &mut *self.large.get()
        } else {
            &mut *self.small.get()
        }
    }
}

/// The two heaps, counting the bytes they have handed out and not had back.
struct Counting(TwoHeaps);

static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// The most `IN_USE` has been since the last [`reset_heap_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Adds `bytes` to the count in use and raises the peak to it.
fn count(bytes: usize) {
    let now = IN_USE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every block is allocated, freed and resized by the heap its size chooses, and a
// block keeps its size class for life: dealloc and realloc are given the layout it was made
// with, and a realloc across the class boundary copies it into a block of the other heap.
// Each heap upholds GlobalAlloc's contract for its own blocks; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = self
            .0
            .heap(layout.size())
            .malloc(layout.size(), layout.align());
        if !ptr.is_null() {
            count(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = self
            .0
            .heap(layout.size())
            .calloc(layout.size(), layout.align());
        if !ptr.is_null() {
            count(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.0
            .heap(layout.size())
            .free(ptr, layout.size(), layout.align());
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let large = |size: usize| size >= LARGE_BLOCK_BYTES;
        if large(layout.size()) == large(new_size) {
            let moved = self
                .0
                .heap(new_size)
                .realloc(ptr, layout.size(), layout.align(), new_size);
            if moved == ptr {
                // Grown or shrunk in place: never both sizes at once.
                IN_USE.fetch_sub(layout.size(), Relaxed);
                count(new_size);
            } else if !moved.is_null() {
                // Copied: both blocks were held until the old one was freed.
                count(new_size);
                IN_USE.fetch_sub(layout.size(), Relaxed);
            }
            return moved;
        }
        // Across the boundary (a growing Vec becoming large, a large one shrunk): a block of
        // the other heap, the bytes copied, the old block freed.
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting(TwoHeaps {
    small: UnsafeCell::new(Dlmalloc::new_with_allocator(Grown { taken: &TAKEN[0] })),
    large: UnsafeCell::new(Dlmalloc::new_with_allocator(Grown { taken: &TAKEN[1] })),
});

/// Bytes the engine holds on its heap now (all designers, caches and buffers of this wasm
/// instance), as opposed to `memory.buffer.byteLength`, the most it ever needed.
#[wasm_bindgen(js_name = heapInUse)]
pub fn heap_in_use() -> f64 {
    IN_USE.load(Relaxed) as f64
}

/// Of the bytes in use, those in buffers kept for reuse: spare frame-sized pixmaps (at
/// most two frames a designer; they keep the wasm memory from growing by fragmentation),
/// the renderers' absorbance scratch (at most about 2 MB each, made the first time a
/// close-up dot is drawn) and the kernel tables kept process-wide (bounded: past 4 MB the
/// ones no scene holds are dropped).
#[wasm_bindgen(js_name = heapSpare)]
pub fn heap_spare() -> f64 {
    (crate::engine::spare_bytes()
        + crate::engine::scratch_bytes()
        + crate::engine::shared_table_bytes()) as f64
}

/// The most bytes the engine held at once since the last `resetHeapPeak()` (or the start):
/// what the wasm memory had to make room for at the busiest moment.
#[wasm_bindgen(js_name = heapPeak)]
pub fn heap_peak() -> f64 {
    PEAK.load(Relaxed) as f64
}

/// Starts a new peak from the bytes in use now.
#[wasm_bindgen(js_name = resetHeapPeak)]
pub fn reset_heap_peak() {
    PEAK.store(IN_USE.load(Relaxed), Relaxed);
}

/// The wasm memory each of the engine's two heaps has taken, bytes: `[small, large]` (see
/// the module doc; their sum and the module's static data make the memory's size).
#[wasm_bindgen(js_name = heapTaken)]
pub fn heap_taken() -> Vec<f64> {
    TAKEN.iter().map(|t| t.load(Relaxed) as f64).collect()
}
