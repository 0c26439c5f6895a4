//! Counts the bytes the engine holds on its heap, so that a long run (a kiosk, a soak) can
//! tell memory in use from the wasm linear memory's size, which is a high-water mark: wasm
//! memory grows and never shrinks, so a reading of its size says how much was needed at the
//! busiest moment so far, not whether anything leaks.
//!
//! How: the global allocator is the default one wrapped in two relaxed atomic counters
//! (bytes added on alloc, taken on dealloc, both on realloc). The cost is an atomic add per
//! allocation, unmeasurable next to the allocation itself. wasm only; the native CLI and
//! tests keep the plain system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use wasm_bindgen::prelude::*;

/// The system allocator, counting the bytes it has handed out and not had back.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// The most `IN_USE` has been since the last [`reset_heap_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Adds `bytes` to the count in use and raises the peak to it.
fn count(bytes: usize) {
    let now = IN_USE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds GlobalAlloc's
// contract; the counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc(layout);
        if !ptr.is_null() {
            count(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc_zeroed(layout);
        if !ptr.is_null() {
            count(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(ptr, layout, new_size);
        if moved == ptr {
            // Grown or shrunk in place: never both sizes at once.
            IN_USE.fetch_sub(layout.size(), Relaxed);
            count(new_size);
        } else if !moved.is_null() {
            // Copied: both blocks were held until the old one was freed.
            count(new_size);
            IN_USE.fetch_sub(layout.size(), Relaxed);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
