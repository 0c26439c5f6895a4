//! `hairline`: the native command line of the designer.
//!
//! Clinics batch-render gallery images with it, and tests check the engine through it
//! without a browser. Bad input gives one line on stderr and a non-zero exit:
//! 1 for a bad design or arguments, 2 for a file that cannot be read or written.
//!
//! ```text
//! hairline dots   DESIGN.json -o dots.csv [--session N]       # x_mm,y_mm,diameter_mm,session,depth_mm
//! hairline render DESIGN.json -o out.png [--px-per-mm N] [--session N] [--age fresh|healed|YEARS]
//! hairline stats  DESIGN.json                                 # JSON: dots, area, density
//! hairline contrast DESIGN.json --photo P.png                 # JSON: contrast before/after
//! hairline plan   DESIGN.json [--format json|md] [--client REF] [--date YYYY-MM-DD]
//!                 [--skin I..VI] [--hair COLOUR] [-o plan.md]  # the treatment plan
//!
//! `dots` and `render` also take `--photo P.png`: the design's `px_per_mm` and `photo`
//! give the scale; `render` then draws the photo with the pigment at the work copy's size.
//! `--session N` shows the work after session N (0: the untreated head or photo, the
//! "before"; default: the design's last session); `--age` how long after it (default
//! healed; `--healed` is the same as `--age healed`). `contrast` takes both too.
//! `plan` prints the treatment plan (sessions, hours, shade and dilution, needles, the
//! fading forecast) as pretty JSON (the default) or Markdown, to stdout or to `-o FILE`;
//! `--photo` lays density-only dots as the page does on that photo.
//! hairline template -o design.json [--preset NAME] [--sex male|female] [--skin I..VI]
//!                   [--hair COLOUR] [--view front|top]        # a preset's starting design
//! hairline presets                                            # the hair-loss presets
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {
    // The CLI is native only; this stub keeps `cargo test --target wasm32-unknown-unknown` building.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fmt::Write as _;
    use std::process::ExitCode;

    use hairline::engine::photo::{Photo, MAX_INPUT_PIXELS};
    use hairline::engine::render::{Age, Stage, MAX_SESSIONS};
    use hairline::engine::template;
    use hairline::engine::Scene;
    use hairline::engine::View;
    use hairline::engine::{fitzpatrick_from_name, PlanContext, TreatmentPlan};
    use hairline::engine::{Design, PhotoFrame};

    /// A command-line value as a message quotes it: at most 40 characters, escaped.
    fn quoted(value: &str) -> String {
        hairline::engine::excerpt(&serde_json::Value::String(value.to_string()))
    }

    const USAGE: &str = "usage: hairline dots DESIGN.json [--photo P.png] -o dots.csv | hairline render DESIGN.json [--photo P.png] -o out.png [--px-per-mm N] [--session N] [--age fresh|healed|YEARS] | hairline stats DESIGN.json | hairline contrast DESIGN.json --photo P.png | hairline plan DESIGN.json [--format json|md] [--client REF] [--date YYYY-MM-DD] [--skin I..VI] [--hair COLOUR] [-o FILE] | hairline template [--preset NAME] [--view front|top] [--sex male|female] [--skin I..VI] [--hair COLOUR] -o design.json | hairline presets";

    /// A failure: its message and exit code.
    struct Failure(String, u8);

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure(message, code)) => {
                eprintln!("hairline: {message}");
                ExitCode::from(code)
            }
        }
    }

    /// Parsed options common to the subcommands.
    struct Options {
        input: Option<String>,
        output: Option<String>,
        px_per_mm: f64,
        session: Option<u8>,
        age: Age,
        photo: Option<String>,
        /// `plan`: `json` or `md`.
        format: Option<String>,
        /// `plan`: the client details, as typed.
        client: Option<String>,
        date: Option<String>,
        skin: Option<String>,
        preset: Option<String>,
        view: Option<String>,
        sex: Option<String>,
        hair: Option<String>,
    }

    impl Options {
        /// The stage to show in `scene` (its last session unless `--session` says).
        fn stage(&self, scene: &Scene) -> Stage {
            Stage {
                session: self.session.unwrap_or(scene.design().sessions),
                age: self.age,
            }
        }
    }

    fn parse(args: &[String]) -> Result<Options, Failure> {
        let mut o = Options {
            input: None,
            output: None,
            px_per_mm: 8.0,
            session: None,
            age: Age::Healed,
            photo: None,
            format: None,
            client: None,
            date: None,
            skin: None,
            preset: None,
            view: None,
            sex: None,
            hair: None,
        };
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "-o" | "--output" => {
                    o.output = Some(
                        args.get(i + 1)
                            .ok_or_else(|| Failure(format!("{} needs a file name", args[i]), 1))?
                            .clone(),
                    );
                    i += 1;
                }
                "--px-per-mm" => {
                    let v = args
                        .get(i + 1)
                        .ok_or_else(|| Failure("--px-per-mm needs a number".into(), 1))?;
                    o.px_per_mm = v
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite() && (0.5..=27.0).contains(x))
                        .ok_or_else(|| {
                            Failure(
                                format!("--px-per-mm must be a number from 0.5 to 27 (8192 px per side), got {}", quoted(v)),
                                1,
                            )
                        })?;
                    i += 1;
                }
                "--healed" => o.age = Age::Healed,
                "--age" => {
                    let v = args.get(i + 1).ok_or_else(|| {
                        Failure("--age needs fresh, healed or a number of years".into(), 1)
                    })?;
                    o.age = Age::from_name(v).ok_or_else(|| {
                        Failure(
                            format!("--age must be fresh, healed or a number of years from 0 to 10, got {}", quoted(v)),
                            1,
                        )
                    })?;
                    i += 1;
                }
                "--session" => {
                    let v = args
                        .get(i + 1)
                        .ok_or_else(|| Failure("--session needs a number".into(), 1))?;
                    o.session = Some(
                        v.parse::<u8>()
                            .ok()
                            .filter(|n| *n <= MAX_SESSIONS)
                            .ok_or_else(|| {
                                Failure(
                                    format!("--session must be a whole number from 0 (before) to {MAX_SESSIONS}, got {}", quoted(v)),
                                    1,
                                )
                            })?,
                    );
                    i += 1;
                }
                "--photo" => {
                    o.photo = Some(
                        args.get(i + 1)
                            .ok_or_else(|| Failure("--photo needs a PNG file".into(), 1))?
                            .clone(),
                    );
                    i += 1;
                }
                "--format" => {
                    let v = args.get(i + 1).map(String::as_str);
                    if !matches!(v, Some("json" | "md")) {
                        return Err(Failure(
                            format!(
                                "--format must be json or md, got {}",
                                v.map(quoted).unwrap_or_else(|| "nothing".into())
                            ),
                            1,
                        ));
                    }
                    o.format = v.map(str::to_string);
                    i += 1;
                }
                flag @ ("--client" | "--date" | "--skin" | "--hair" | "--preset" | "--view"
                | "--sex") => {
                    let v = args
                        .get(i + 1)
                        .ok_or_else(|| Failure(format!("{flag} needs a value"), 1))?
                        .clone();
                    let slot = match flag {
                        "--client" => &mut o.client,
                        "--date" => &mut o.date,
                        "--skin" => &mut o.skin,
                        "--preset" => &mut o.preset,
                        "--view" => &mut o.view,
                        "--sex" => &mut o.sex,
                        _ => &mut o.hair,
                    };
                    *slot = Some(v);
                    i += 1;
                }
                a if a.starts_with('-') => {
                    return Err(Failure(format!("unknown option {a}; {USAGE}"), 1))
                }
                a => {
                    if o.input.is_some() {
                        return Err(Failure(format!("unexpected argument {a}; {USAGE}"), 1));
                    }
                    o.input = Some(a.to_string());
                }
            }
            i += 1;
        }
        Ok(o)
    }

    /// The design file's path and text.
    fn design_text(o: &Options) -> Result<(&str, String), Failure> {
        let path = o
            .input
            .as_ref()
            .ok_or_else(|| Failure(format!("no design file given; {USAGE}"), 1))?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("cannot read {path}: {e}"), 2))?;
        Ok((path, text))
    }

    fn load(o: &Options) -> Result<Scene, Failure> {
        let (path, text) = design_text(o)?;
        let design =
            Design::from_json_str(&text).map_err(|e| Failure(format!("{path}: {e}"), 1))?;
        let mut scene = Scene::new(design).map_err(|e| Failure(format!("{path}: {e}"), 1))?;
        if let Some(photo_path) = &o.photo {
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| Failure(format!("{path}: {e}"), 1))?;
            let frame = PhotoFrame::from_design_json(&value)
                .map_err(|e| Failure(format!("{path}: {e}"), 1))?
                .ok_or_else(|| {
                    Failure(
                        format!("{path}: invalid design: px_per_mm: missing; a design used with --photo needs \"px_per_mm\" and \"photo\": {{ \"width_px\", \"height_px\" }}"),
                        1,
                    )
                })?;
            let photo = read_png(photo_path)?;
            scene
                .set_photo_frame(Some(frame))
                .and_then(|()| scene.set_photo(&photo))
                .map_err(|e| Failure(format!("{path}: {e}"), 1))?;
        }
        Ok(scene)
    }

    /// Decodes a PNG into an RGBA photo; a file that is not a usable PNG exits 2.
    fn read_png(path: &str) -> Result<Photo, Failure> {
        let bytes =
            std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}"), 2))?;
        let bad = |e: String| Failure(format!("{path}: not a usable PNG image ({e})"), 2);
        let mut decoder = png::Decoder::new_with_limits(
            std::io::Cursor::new(bytes),
            png::Limits {
                bytes: 260 * 1024 * 1024,
            },
        );
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
        let (w, h) = (reader.info().width, reader.info().height);
        if w as u64 * h as u64 > MAX_INPUT_PIXELS {
            return Err(bad(format!(
                "{w} × {h} px is more than {} MP",
                MAX_INPUT_PIXELS / 1_000_000
            )));
        }
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader
            .next_frame(&mut buf)
            .map_err(|e| bad(e.to_string()))?;
        let n = w as usize * h as usize;
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => buf[..n * 4].to_vec(),
            png::ColorType::Rgb => buf[..n * 3]
                .chunks_exact(3)
                .flat_map(|c| [c[0], c[1], c[2], 255])
                .collect(),
            png::ColorType::GrayscaleAlpha => buf[..n * 2]
                .chunks_exact(2)
                .flat_map(|c| [c[0], c[0], c[0], 255])
                .collect(),
            png::ColorType::Grayscale => buf[..n].iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Indexed => return Err(bad("unexpanded palette".into())),
        };
        Photo::new(w, h, rgba).map_err(|e| bad(e.to_string()))
    }

    fn output(o: &Options) -> Result<&str, Failure> {
        o.output
            .as_deref()
            .ok_or_else(|| Failure(format!("no output file given (-o FILE); {USAGE}"), 1))
    }

    fn write(path: &str, bytes: &[u8]) -> Result<(), Failure> {
        std::fs::write(path, bytes).map_err(|e| Failure(format!("cannot write {path}: {e}"), 2))
    }

    fn run(args: &[String]) -> Result<(), Failure> {
        let (command, rest) = args.split_first().ok_or_else(|| Failure(USAGE.into(), 1))?;
        let o = parse(rest)?;
        match command.as_str() {
            "dots" => dots(&o),
            "render" if o.photo.is_some() => render_photo(&o),
            "render" => render_template(&o),
            "contrast" => contrast(&o),
            "stats" => stats(&o),
            "plan" => plan(&o),
            "template" => template_file(&o),
            "presets" => presets(),
            other => Err(Failure(format!("unknown command {other}; {USAGE}"), 1)),
        }
    }

    /// `dots`: the impressions laid by the stage's session, as CSV.
    fn dots(o: &Options) -> Result<(), Failure> {
        let scene = load(o)?;
        let last = o.stage(&scene).session;
        let mut csv = String::from("x_mm,y_mm,diameter_mm,session,depth_mm\n");
        for d in scene.dots().iter().filter(|d| d.session <= last) {
            let _ = writeln!(
                csv,
                "{:.4},{:.4},{:.4},{},{:.3}",
                d.position.x, d.position.y, d.diameter_mm, d.session, d.depth_mm
            );
        }
        write(output(o)?, csv.as_bytes())
    }

    /// `render --photo`: the photo with the pigment under the hair, at the work copy's size.
    fn render_photo(o: &Options) -> Result<(), Failure> {
        let mut scene = load(o)?;
        let out = output(o)?.to_string();
        scene.set_stage(o.stage(&scene));
        let ppm = scene
            .photo()
            .work_px_per_mm()
            .ok_or_else(|| Failure("the photo has no calibration".into(), 1))?;
        let (width, height) = scene
            .photo()
            .photo()
            .map(|p| (p.width(), p.height()))
            .ok_or_else(|| Failure("no photo loaded".into(), 1))?;
        let view = View {
            px_per_mm: ppm,
            offset: glam::DVec2::ZERO,
        };
        let pixmap = scene
            .render(width, height, view)
            .ok_or_else(|| Failure(format!("cannot render {width}×{height} px"), 1))?;
        let png = encode_png(pixmap.width(), pixmap.height(), pixmap.data())
            .map_err(|e| Failure(format!("cannot encode PNG: {e}"), 2))?;
        write(&out, &png)
    }

    /// `contrast --photo`: the contrast report as JSON.
    fn contrast(o: &Options) -> Result<(), Failure> {
        if o.photo.is_none() {
            return Err(Failure(format!("contrast needs --photo P.png; {USAGE}"), 1));
        }
        let mut scene = load(o)?;
        scene.set_stage(o.stage(&scene));
        let r = scene
            .contrast()
            .ok_or_else(|| Failure("cannot analyse the photo".into(), 1))?;
        println!("{}", r.to_json());
        Ok(())
    }

    /// `render`: the template head with the design, at `--px-per-mm`.
    fn render_template(o: &Options) -> Result<(), Failure> {
        let mut scene = load(o)?;
        let out = output(o)?.to_string();
        scene.set_stage(o.stage(&scene));
        let frame = hairline::engine::Rect {
            min: glam::DVec2::ZERO,
            max: glam::DVec2::new(template::FRAME_WIDTH_MM, template::FRAME_HEIGHT_MM),
        };
        let width = (template::FRAME_WIDTH_MM * o.px_per_mm).round() as u32;
        let height = (template::FRAME_HEIGHT_MM * o.px_per_mm).round() as u32;
        let view = View::fit(frame, width, height, 0.0);
        let pixmap = scene.render(width, height, view).ok_or_else(|| {
            Failure(
                format!("cannot render {width}×{height} px; lower --px-per-mm"),
                1,
            )
        })?;
        let png = encode_png(pixmap.width(), pixmap.height(), pixmap.data())
            .map_err(|e| Failure(format!("cannot encode PNG: {e}"), 2))?;
        write(&out, &png)
    }

    /// `stats`: dots, area, density and warnings as JSON.
    fn stats(o: &Options) -> Result<(), Failure> {
        let scene = load(o)?;
        let s = scene.stats();
        println!(
            "{}",
            serde_json::json!({ "dots": s.dots, "area_cm2": s.area_cm2, "density_per_cm2": s.density_per_cm2, "warnings": scene.warnings().iter().map(|w| w.to_json()).collect::<Vec<_>>() })
        );
        Ok(())
    }

    /// `plan`: the treatment plan as pretty JSON or Markdown, to stdout or `-o FILE`.
    fn plan(o: &Options) -> Result<(), Failure> {
        let fitzpatrick = match &o.skin {
            None => None,
            Some(v) => Some(fitzpatrick_from_name(v).ok_or_else(|| {
                Failure(
                    format!("--skin must be a Fitzpatrick type I to VI (or 1 to 6), got {v:.40}"),
                    1,
                )
            })?),
        };
        let mut scene = load(o)?;
        if o.photo.is_none() {
            // A design drawn on a photo keeps the photo's frame in its file: its mm are the
            // photo's, so the plan must not measure its hairline on the template head.
            let (path, text) = design_text(o)?;
            let frame = serde_json::from_str(&text)
                .map_err(|e| e.to_string())
                .and_then(|v| PhotoFrame::from_design_json(&v).map_err(|e| e.to_string()))
                .map_err(|e| Failure(format!("{path}: {e}"), 1))?;
            if frame.is_some() {
                scene
                    .set_photo_frame(frame)
                    .map_err(|e| Failure(format!("{path}: {e}"), 1))?;
            }
        }
        let context = PlanContext {
            client_reference: o.client.clone(),
            date: o.date.clone(),
            fitzpatrick,
            hair_colour: o.hair.clone(),
        };
        let plan = TreatmentPlan::new(&scene, &context).map_err(|e| Failure(e.to_string(), 1))?;
        let text = match o.format.as_deref() {
            Some("md") => plan.to_markdown(),
            _ => serde_json::to_string_pretty(&plan).map_err(|e| Failure(e.to_string(), 2))? + "\n",
        };
        match &o.output {
            Some(path) => write(path, text.as_bytes()),
            None => {
                print!("{text}");
                Ok(())
            }
        }
    }

    /// `template`: the default design as a design file.
    /// `template`: the starting design of a preset on the template head, as a design file.
    fn template_file(o: &Options) -> Result<(), Failure> {
        use hairline::engine::head::{preset_design, HeadView, Preset, Sex, TemplateHead};
        use hairline::engine::photo::HairColour;
        let mut head = TemplateHead::default();
        if let Some(v) = &o.preset {
            head.preset = Preset::from_name(v).ok_or_else(|| {
                Failure(
                    format!(
                        "--preset must be one of the names `hairline presets` lists, got {}",
                        quoted(v)
                    ),
                    1,
                )
            })?;
            if matches!(head.preset, Preset::Ludwig(_)) {
                head.sex = Sex::Female;
            }
        }
        match o.view.as_deref() {
            None | Some("front") => {}
            Some("top") => head.view = HeadView::Top,
            Some(v) => {
                return Err(Failure(
                    format!("--view must be front or top, got {}", quoted(v)),
                    1,
                ))
            }
        }
        match o.sex.as_deref() {
            None => {}
            Some("male") => head.sex = Sex::Male,
            Some("female") => head.sex = Sex::Female,
            Some(v) => {
                return Err(Failure(
                    format!("--sex must be male or female, got {}", quoted(v)),
                    1,
                ))
            }
        }
        if let Some(v) = &o.skin {
            head.skin = fitzpatrick_from_name(v).ok_or_else(|| {
                Failure(
                    format!(
                        "--skin must be a Fitzpatrick type I to VI (or 1 to 6), got {}",
                        quoted(v)
                    ),
                    1,
                )
            })?;
        }
        if let Some(v) = &o.hair {
            head.hair = HairColour::from_name(v).ok_or_else(|| {
                Failure(
                    format!(
                        "--hair must be black, dark-brown, brown, red, blond or grey, got {}",
                        quoted(v)
                    ),
                    1,
                )
            })?;
        }
        let text = serde_json::to_string_pretty(&preset_design(head).to_json())
            .map_err(|e| Failure(e.to_string(), 2))?;
        write(output(o)?, text.as_bytes())
    }

    /// `presets`: the hair-loss presets `template --preset` takes, one per line.
    fn presets() -> Result<(), Failure> {
        use hairline::engine::head::Preset;
        for p in Preset::ALL {
            println!("{:<17} {}: {}", p.name(), p.title(), p.description());
        }
        Ok(())
    }

    fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, width, height);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header()?;
            writer.write_image_data(rgba)?;
        }
        Ok(bytes)
    }
}
