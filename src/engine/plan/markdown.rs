//! The treatment plan as Markdown, for the CLI's `plan --format md` and for printing:
//! headed sections (client, design, treated area, sessions, healing and fading, notice,
//! sources) with tables for the zones, the sessions and the forecast.
//!
//! Only the client's own text (reference, hair colour) can hold Markdown characters; it is
//! escaped, so a reference such as `A|B *1*` prints as typed and cannot break a table.

use std::fmt::Write as _;

use super::sessions::ratio_text;
use super::{TreatmentPlan, ValueRange};

/// Renders `plan` as Markdown.
pub fn render(plan: &TreatmentPlan) -> String {
    let mut md = String::from("# Treatment plan\n\n");
    client(&mut md, plan);
    design(&mut md, plan);
    area(&mut md, plan);
    sessions(&mut md, plan);
    forecast(&mut md, plan);
    let _ = write!(md, "## Notice\n\n**{}**\n\n## Sources\n\n", plan.notice);
    for source in &plan.sources {
        let _ = writeln!(md, "- {source}");
    }
    md
}

fn client(md: &mut String, plan: &TreatmentPlan) {
    let absent = || "–".to_string();
    let rows = [
        (
            "Client",
            plan.client_reference.as_deref().map_or_else(absent, escape),
        ),
        ("Date", plan.date.clone().unwrap_or_else(absent)),
        ("Head", plan.head.description.clone()),
        (
            "Skin",
            plan.skin.as_ref().map_or_else(absent, |s| s.label.clone()),
        ),
        (
            "Hair colour",
            plan.hair_colour.as_deref().map_or_else(absent, escape),
        ),
    ];
    md.push_str("| | |\n|---|---|\n");
    for (name, value) in rows {
        let _ = writeln!(md, "| {name} | {value} |");
    }
    md.push('\n');
}

fn design(md: &mut String, plan: &TreatmentPlan) {
    md.push_str("## Design\n\n");
    let _ = match plan.hairline_height_mm {
        Some(h) => writeln!(
            md,
            "- Style: {} hairline, its mid-frontal point {h:.1} mm ({:.1} cm) above the brows (glabella)",
            plan.style,
            h / 10.0
        ),
        None => writeln!(md, "- Style: {}", plan.style),
    };
    let _ = writeln!(
        md,
        "- Density: {} impressions/cm² at full density; needle {:.2} mm",
        plan.target_density_per_cm2, plan.dot_mm
    );
    if let Some(advice) = &plan.pigment_advice {
        let _ = writeln!(
            md,
            "- Pigment for this hair and skin: shade {} ({} water to carbon) recommended; the design's shade is {}",
            percent(advice.recommended_shade),
            ratio_text(advice.water_parts),
            percent(advice.design_shade)
        );
        for warning in &advice.warnings {
            let _ = writeln!(md, "  - {warning}");
        }
    }
    md.push('\n');
}

fn area(md: &mut String, plan: &TreatmentPlan) {
    md.push_str("## Treated area\n\n| zone | area (cm²) | impressions | impressions/cm² |\n|---|---:|---:|---:|\n");
    for z in &plan.zones {
        let _ = writeln!(
            md,
            "| {} | {:.1} | {} | {:.0} |",
            z.description,
            z.area_cm2,
            thousands(z.impressions),
            z.density_per_cm2
        );
    }
    let _ = writeln!(
        md,
        "| **total** | **{:.1}** | **{}** | **{:.0}** |\n",
        plan.treated_area_cm2,
        thousands(plan.total_impressions),
        plan.density_per_cm2
    );
    let _ = writeln!(md, "Counted: {}.\n", plan.head.area_counted);
}

fn sessions(md: &mut String, plan: &TreatmentPlan) {
    let count = plan.sessions.len();
    let _ = write!(
        md,
        "## Sessions\n\n{count} session{}, {} days apart (allowed: {:.0}–{:.0} days). Hours are chair time for the impressions at {}–{} impressions an hour.\n\n",
        if count == 1 { "" } else { "s" },
        plan.session_spacing_days,
        plan.session_spacing_range_days.low,
        plan.session_spacing_range_days.high,
        thousands(plan.impressions_per_hour.low as usize),
        thousands(plan.impressions_per_hour.high as usize),
    );
    md.push_str("| session | day | purpose | new impressions | cumulative | hours | shade | dilution (water:carbon) | needles |\n|---:|---:|---|---:|---:|---|---:|---|---|\n");
    for s in &plan.sessions {
        let needles: Vec<String> = s
            .needles
            .iter()
            .map(|n| {
                let code = n
                    .cartridge
                    .as_deref()
                    .map_or(String::new(), |c| format!("{c} "));
                format!(
                    "{code}{} ({:.2} mm): {}",
                    n.description,
                    n.needle_mm,
                    thousands(n.impressions)
                )
            })
            .collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.session,
            s.day,
            s.purpose,
            thousands(s.new_impressions),
            thousands(s.cumulative_impressions),
            hours(s.hours),
            percent(s.shade),
            s.dilution.ratio,
            needles.join("; ")
        );
    }
    let _ = writeln!(
        md,
        "| **total** | | | **{}** | | **{}** | | | |\n",
        thousands(plan.total_impressions),
        hours(plan.total_hours)
    );
}

fn forecast(md: &mut String, plan: &TreatmentPlan) {
    let _ = write!(
        md,
        "## Healing and fading\n\nThe work looks darkest on the day; about a month later it has healed to its true shade. After that the pigment fades by about {:.0} % a year.\n\n",
        plan.fade_per_year * 100.0
    );
    md.push_str(
        "| stage | day | pigment kept (of all laid) | relative to healed |\n|---|---:|---:|---:|\n",
    );
    for f in &plan.forecast {
        let _ = writeln!(
            md,
            "| {}{} | {} | {} | {} |",
            f.label,
            if f.after_top_up {
                " (after the top-up)"
            } else {
                ""
            },
            f.day,
            percent(f.pigment_remaining),
            percent(f.relative_to_healed)
        );
    }
    let _ = writeln!(md, "\nTop-up: {}\n", plan.top_up.advice);
}

fn percent(fraction: f64) -> String {
    format!("{:.0} %", fraction * 100.0)
}

fn hours(range: ValueRange) -> String {
    format!("{:.1}–{:.1} h", range.low, range.high)
}

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The client's text with the characters that start Markdown emphasis, code, links, HTML
/// or a table cell escaped (the text is one line inside a table cell).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_text_are_written_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12_345), "12,345");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(escape("A|B *1*"), "A\\|B \\*1\\*");
    }
}
