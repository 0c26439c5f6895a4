//! A scene: one design with everything derived from it, kept between frames.
//!
//! This is the long-lived state behind the page's `Designer` and the CLI. Setting a design
//! validates it first and changes nothing on failure. Rendering reuses the painted
//! background (the template head) while the view and canvas size stay the same, so a frame
//! while the hairline is dragged costs a copy of the background and the dots only.

use glam::DVec2;

use super::density::DensityField;
use super::design::Design;
use super::dots::{place_dots, Dot};
use super::error::DesignError;
use super::raster::{Ink, Pixmap};
use super::template;
use super::view::View;

/// Figures the status line and the plan show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Number of impressions.
    pub dots: usize,
    /// Treated area (where the field is above zero), cm².
    pub area_cm2: f64,
    /// Impressions per cm² over the treated area.
    pub density_per_cm2: f64,
}

/// How pigment is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Look {
    /// Crisp dots, as right after a session.
    #[default]
    Fresh,
    /// Slightly spread, softer and lighter, as healed pigment reads at conversation distance.
    Healed,
}

/// A design and its derived field, dots and render caches.
#[derive(Clone, Debug)]
pub struct Scene {
    design: Design,
    field: DensityField,
    dots: Vec<Dot>,
    /// Computed on first request: the treated area costs a pass over the scalp.
    stats: std::cell::OnceCell<Stats>,
    look: Look,
    background: Option<(u32, u32, View, Pixmap)>,
    frame: Option<Pixmap>,
}

impl Scene {
    /// A scene for a validated design.
    pub fn new(design: Design) -> Result<Scene, DesignError> {
        let design = design.validated()?;
        let field = DensityField::new(&design)?;
        let dots = place_dots(&design, &field);
        Ok(Scene {
            design,
            field,
            dots,
            stats: std::cell::OnceCell::new(),
            look: Look::Fresh,
            background: None,
            frame: None,
        })
    }

    /// Replaces the design; on error the scene is unchanged.
    pub fn set_design(&mut self, design: Design) -> Result<(), DesignError> {
        let next = Scene::new(design)?;
        self.design = next.design;
        self.field = next.field;
        self.dots = next.dots;
        self.stats = next.stats;
        Ok(())
    }

    /// The current design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The impressions.
    pub fn dots(&self) -> &[Dot] {
        &self.dots
    }

    /// Dot count, treated area, density.
    pub fn stats(&self) -> Stats {
        *self.stats.get_or_init(|| stats_of(&self.dots, &self.field))
    }

    /// The density field.
    pub fn field(&self) -> &DensityField {
        &self.field
    }

    /// Sets fresh or healed look.
    pub fn set_look(&mut self, look: Look) {
        self.look = look;
    }

    /// The current look.
    pub fn look(&self) -> Look {
        self.look
    }

    /// Renders a `width` × `height` frame under `view`; `None` for an unusable size or view.
    pub fn render(&mut self, width: u32, height: u32, view: View) -> Option<&Pixmap> {
        if !view.is_valid() {
            return None;
        }
        let reuse = matches!(&self.background, Some((w, h, v, _)) if *w == width && *h == height && *v == view);
        if !reuse {
            let mut bg = Pixmap::new(width, height, template::BACKDROP)?;
            let to_px = |p: DVec2| view.to_px(p);
            template::paint(&mut bg, &to_px, view.px_per_mm as f32);
            self.background = Some((width, height, view, bg));
        }
        let (_, _, _, bg) = self.background.as_ref()?;
        let copied = self.frame.as_mut().is_some_and(|f| f.copy_from(bg));
        if !copied {
            self.frame = Some(bg.clone());
        }
        let frame = self.frame.as_mut()?;
        let ink = match self.look {
            Look::Fresh => Ink::fresh(self.design.shade),
            Look::Healed => Ink::healed(self.design.shade),
        };
        frame.draw_dots(&self.dots, |p| view.to_px(p), view.px_per_mm as f32, &ink);
        Some(frame)
    }
}

fn stats_of(dots: &[Dot], field: &DensityField) -> Stats {
    let area_cm2 = field.treated_area_cm2();
    let density_per_cm2 = if area_cm2 > 0.0 {
        dots.len() as f64 / area_cm2
    } else {
        0.0
    };
    Stats {
        dots: dots.len(),
        area_cm2,
        density_per_cm2,
    }
}
