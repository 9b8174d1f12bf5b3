//! Preflight and rendering against the real pdfium (vendor/pdfium/libpdfium.so).

use std::path::PathBuf;

use postdesk_pdf::rules::{for_provider, ProviderKind, ProviderRules};
use postdesk_pdf::sample::{self, LetterSpec};
use postdesk_pdf::{PdfEngine, PdfError, Preflight, Severity};

fn engine() -> PdfEngine {
    PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh")
}

fn write(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn check_with(bytes: &[u8], rules: &ProviderRules) -> Preflight {
    let (_dir, path) = write(bytes);
    engine().preflight(&path, rules).unwrap()
}

fn check(bytes: &[u8]) -> Preflight {
    check_with(bytes, &for_provider(ProviderKind::Epost))
}

fn codes(p: &Preflight) -> Vec<String> {
    p.findings
        .iter()
        .map(|f| format!("{:?}:{}", f.severity, f.code))
        .collect()
}

fn error(p: &Preflight, code: &str) -> postdesk_pdf::Finding {
    p.findings
        .iter()
        .find(|f| f.code == code && f.severity == Severity::Error)
        .cloned()
        .unwrap_or_else(|| panic!("no error {code} in {:?}", codes(p)))
}

#[test]
fn binds_the_vendored_library() {
    let e = engine();
    assert!(e.library().ends_with("libpdfium.so"), "{}", e.library());
}

#[test]
fn clean_letter_passes_and_its_address_is_read() {
    let bytes = sample::clean_letter();
    let p = check(&bytes);
    assert!(!p.has_errors(), "{:?}", codes(&p));
    assert!(
        p.findings.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        codes(&p)
    );
    assert_eq!(p.pages, 1);
    assert_eq!(p.file, "letter.pdf");
    assert_eq!(p.bytes, bytes.len() as u64);
    assert_eq!(p.sha256.len(), 64);
    let [w, h] = p.page_sizes_mm[0];
    assert!(
        (w - 210.0).abs() < 0.5 && (h - 297.0).abs() < 0.5,
        "{w}×{h}"
    );
    let a = p.address.clone().expect("address");
    assert_eq!(
        a.lines,
        ["Erika Mustermann", "Musterstraße 1", "53113 Bonn"],
        "sender line must be dropped"
    );
    assert_eq!(a.postal_code.as_deref(), Some("53113"));
    assert_eq!(a.city.as_deref(), Some("Bonn"));
    assert_eq!(a.country, None);
    // Standard fonts, not embedded: only an info.
    assert!(p.has("fonts_not_embedded"));
}

#[test]
fn foreign_address_gets_its_country() {
    let p = check(&sample::letter(&LetterSpec::to(&[
        "Sven Svensson",
        "Storgatan 1",
        "SE-123 45 Stockholm",
        "SCHWEDEN",
    ])));
    assert!(!p.has_errors(), "{:?}", codes(&p));
    let a = p.address.unwrap();
    assert_eq!(
        (
            a.postal_code.as_deref(),
            a.city.as_deref(),
            a.country.as_deref()
        ),
        (Some("123 45"), Some("Stockholm"), Some("SE"))
    );
}

#[test]
fn ink_in_franking_zone() {
    let p = check(&sample::letter(&LetterSpec {
        ink_in_franking: true,
        ..Default::default()
    }));
    let f = error(&p, "ink_in_zone");
    assert_eq!((f.page, f.zone.as_deref()), (Some(1), Some("franking")));
    assert!(
        p.findings
            .iter()
            .filter(|f| f.code == "ink_in_zone")
            .count()
            == 1,
        "{:?}",
        codes(&p)
    );
    // The mark is the black box the sample draws: x 150–190 mm, y 55–63 mm.
    let [m] = f.marks[..] else { panic!("one mark expected: {:?}", f.marks) };
    assert_eq!(m.page, 1);
    for (got, want) in [(m.x_mm, 150.0), (m.y_mm, 55.0), (m.w_mm, 40.0), (m.h_mm, 8.0)] {
        assert!((got - want).abs() < 0.5, "{m:?}");
    }
    assert!(check(&sample::clean_letter()).findings.iter().all(|f| f.marks.is_empty()));
}

#[test]
fn form_field_in_a_zone_is_found_by_the_render_check() {
    // A widget annotation is no page object: only the rendered page shows it.
    let p = check(&sample::letter(&LetterSpec {
        form_field_in_franking: true,
        ..Default::default()
    }));
    let f = error(&p, "ink_in_zone");
    assert_eq!((f.page, f.zone.as_deref()), (Some(1), Some("franking")));
    let [m] = f.marks[..] else { panic!("one mark expected: {:?}", f.marks) };
    // Found at 36 dpi (0.7 mm a pixel) inside the zone (y 53–66 mm): the box's
    // x 150–190 mm, y 55–63 mm, give or take two pixels.
    assert!((m.x_mm - 150.0).abs() < 1.5 && (m.y_mm - 55.0).abs() < 1.5, "{m:?}");
    assert!((m.w_mm - 40.0).abs() < 3.0 && (m.h_mm - 8.0).abs() < 3.0, "{m:?}");
    let info = p.findings.iter().find(|f| f.code == "form_fields").expect("form_fields");
    assert_eq!(info.severity, Severity::Info);

    // On a drop, the check reuses the 100 dpi preview render: same finding, finer mark.
    let (_d, path) = write(&sample::letter(&LetterSpec {
        form_field_in_franking: true,
        ..Default::default()
    }));
    let (p, _png) = engine()
        .preflight_and_render(&path, &for_provider(ProviderKind::Epost), 100.0)
        .unwrap();
    let f = error(&p, "ink_in_zone");
    let [m] = f.marks[..] else { panic!("one mark expected: {:?}", f.marks) };
    assert!((m.x_mm - 150.0).abs() < 0.8 && (m.w_mm - 40.0).abs() < 1.5, "{m:?}");
    let (clean, _) = engine()
        .preflight_and_render(&write(&sample::clean_letter()).1, &for_provider(ProviderKind::Epost), 100.0)
        .unwrap();
    assert!(!clean.has_errors(), "{:?}", codes(&clean));
}

#[test]
fn javascript_is_a_warning() {
    let p = check(&sample::letter(&LetterSpec {
        javascript: true,
        ..Default::default()
    }));
    let f = p.findings.iter().find(|f| f.code == "javascript").unwrap_or_else(|| panic!("{:?}", codes(&p)));
    assert_eq!(f.severity, Severity::Warning);
    assert!(!p.has_errors(), "{:?}", codes(&p));
    assert!(!check(&sample::clean_letter()).has("javascript"));
}

/// The same letter rewritten with compressed object streams (as many PDF writers
/// do since PDF 1.5): the script's names are no longer in the file's bytes.
#[test]
fn javascript_inside_compressed_object_streams_is_found() {
    let compressed = |bytes: Vec<u8>| {
        let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
        let mut out = Vec::new();
        doc.save_with_options(&mut out, lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).compression_level(6).build()).unwrap();
        out
    };
    let with_js = compressed(sample::letter(&LetterSpec { javascript: true, ..Default::default() }));
    let raw = |t: &[u8]| with_js.windows(t.len()).any(|w| w == t);
    assert!(raw(b"/ObjStm") && !raw(b"/JavaScript") && !raw(b"/JS"), "the names are only inside object streams");
    let p = check(&with_js);
    assert!(p.has("javascript"), "{:?}", codes(&p));
    assert_eq!(p.pages, 1, "pdfium still reads the letter");
    let plain = check(&compressed(sample::clean_letter()));
    assert!(!plain.has("javascript"), "{:?}", codes(&plain));
}

#[test]
fn huge_image_is_a_warning_and_neither_hangs_nor_crashes() {
    // 12 000 × 12 000 grey pixels: 144 MB decoded, 2.3 MB in the file.
    let bytes = sample::letter(&LetterSpec {
        huge_image_px: Some(12_000),
        ..Default::default()
    });
    assert!(bytes.len() < 3_000_000, "{}", bytes.len());
    let (_d, path) = write(&bytes);
    let rules = for_provider(ProviderKind::Epost);
    let (p, png) = engine().preflight_and_render(&path, &rules, 100.0).unwrap();
    let f = p.findings.iter().find(|f| f.code == "image_huge").unwrap_or_else(|| panic!("{:?}", codes(&p)));
    assert_eq!((f.severity, f.page), (Severity::Warning, Some(1)));
    assert!(f.message.contains("12000 × 12000"), "{}", f.message);
    assert!(!p.has("ink_in_zone"), "the image sits in the body: {:?}", codes(&p));
    assert!(png.is_some_and(|png| png.starts_with(b"\x89PNG")));
}

#[test]
fn outlined_text_reaching_a_zone_is_found_by_the_render_check() {
    // The outline's line width lies outside the text object's bounds, so the object
    // walk cannot vouch for the margin and the page is rendered (a page whose every
    // object's ink is inside its bounds skips that render; issue #16).
    let p = check(&sample::letter(&LetterSpec {
        outlined_text_by_left_margin: true,
        ..Default::default()
    }));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "ink_in_zone" && f.zone.as_deref() == Some("left_margin"))
        .unwrap_or_else(|| panic!("left margin ink expected: {:?}", codes(&p)));
    assert_eq!((f.severity, f.page), (Severity::Error, Some(1)));
    let [m] = f.marks[..] else { panic!("one mark expected: {:?}", f.marks) };
    // Inside the margin (x 0.5–11.5 mm as the render check reads it), at the word's
    // height: its caps (about 10 mm above the baseline at 150 mm) and the outline's
    // 5.3 mm around them.
    assert!(m.x_mm > 7.0 && m.x_mm + m.w_mm <= 12.0, "{m:?}");
    assert!(m.y_mm > 130.0 && m.y_mm + m.h_mm < 158.0, "{m:?}");
}

#[test]
fn ink_in_left_margin_on_every_page() {
    let p = check(&sample::letter(&LetterSpec {
        ink_in_left_margin: true,
        pages: 3,
        ..Default::default()
    }));
    let f = error(&p, "ink_in_zone");
    assert_eq!((f.page, f.zone.as_deref()), (Some(1), Some("left_margin")));
    assert!(f.message.contains("2 more page"), "{}", f.message);
}

#[test]
fn landscape_page() {
    let p = check(&sample::letter(&LetterSpec {
        page_size_mm: [297.0, 210.0],
        ..Default::default()
    }));
    assert_eq!(error(&p, "landscape").page, Some(1));
    assert!(!p.has("not_a4"), "{:?}", codes(&p));
}

#[test]
fn us_letter_is_not_a4() {
    let p = check(&sample::letter(&LetterSpec {
        page_size_mm: [215.9, 279.4],
        ..Default::default()
    }));
    assert!(error(&p, "not_a4").message.contains("216 × 279"));
}

#[test]
fn image_only_has_no_text_and_no_address() {
    let p = check(&sample::letter(&LetterSpec {
        image_only: true,
        ..Default::default()
    }));
    error(&p, "no_text");
    error(&p, "address_missing");
    assert!(!p.has("ink_in_zone"), "{:?}", codes(&p));
}

#[test]
fn too_many_pages() {
    let p = check(&sample::letter(&LetterSpec {
        pages: 95,
        ..Default::default()
    }));
    assert_eq!(p.pages, 95);
    assert_eq!(p.page_sizes_mm.len(), 95);
    assert!(error(&p, "too_many_pages").message.contains("95"));
}

#[test]
fn too_large() {
    let mut rules = for_provider(ProviderKind::Epost);
    rules.max_bytes = 4_000;
    let p = check_with(
        &sample::letter(&LetterSpec {
            padding_bytes: 5_000,
            ..Default::default()
        }),
        &rules,
    );
    error(&p, "too_large");
    assert_eq!(p.pages, 0, "a file over the limit is never handed to pdfium");
    assert_eq!(p.sha256.len(), 64, "hashed in pieces");
}

#[test]
fn address_unreadable_without_postal_code() {
    let p = check(&sample::letter(&LetterSpec::to(&[
        "Erika Mustermann",
        "Musterstraße 1",
        "Bonn",
    ])));
    let f = error(&p, "address_unreadable");
    assert_eq!(
        (f.page, f.zone.as_deref()),
        (Some(1), Some("address_window"))
    );
}

#[test]
fn address_line_too_long_for_posti() {
    let spec = LetterSpec::to(&[
        "Matti Meikäläinen c/o Yritys Oy, Talousosasto",
        "Mannerheimintie 1",
        "00100 Helsinki",
    ]);
    let p = check_with(&sample::letter(&spec), &for_provider(ProviderKind::Posti));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "address_line_too_long")
        .unwrap_or_else(|| panic!("{:?}", codes(&p)));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(p.address.unwrap().postal_code.as_deref(), Some("00100"));
}

#[test]
fn non_standard_font_not_embedded_is_a_warning() {
    let p = check(&sample::letter(&LetterSpec {
        font: "Calibri".into(),
        ..Default::default()
    }));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "fonts_not_embedded")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning, "{}", f.message);
    assert!(p.address.is_some());
}

#[test]
fn bad_input_gives_findings_not_panics() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("not a pdf", sample::not_a_pdf(), "not_pdf"),
        ("encrypted", sample::encrypted(), "encrypted"),
        ("zero pages", sample::zero_pages(), "no_pages"),
        ("empty file", Vec::new(), "not_pdf"),
    ];
    for (what, bytes, code) in cases {
        let p = check(&bytes);
        assert!(
            p.findings
                .iter()
                .any(|f| f.code == code && f.severity == Severity::Error),
            "{what}: {:?}",
            codes(&p)
        );
        assert_eq!(p.address, None, "{what}");
    }
    // Truncated: pdfium may rebuild what is left; it must end in an error, not a pass.
    let p = check(&sample::truncated());
    eprintln!("truncated → pages {} {:?}", p.pages, codes(&p));
    assert!(p.has_errors(), "truncated: {:?}", codes(&p));
    // A broken xref is repaired by pdfium; whatever it decides, no panic and an answer.
    let p = check(&sample::corrupt_xref());
    eprintln!("corrupt xref → pages {} {:?}", p.pages, codes(&p));
    // Random garbage after a PDF header.
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend((0..20_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let p = check(&junk);
    assert!(p.has_errors(), "junk: {:?}", codes(&p));
}

#[test]
fn missing_file_is_a_finding() {
    // A finding, not an error: one unreadable file of a drop gets its own draft.
    let p = engine()
        .preflight(
            std::path::Path::new("/nonexistent/x.pdf"),
            &for_provider(ProviderKind::Epost),
        )
        .unwrap();
    error(&p, "file_unreadable");
    // A render has no preflight to carry it: there it stays an error.
    let err = engine()
        .render_page_png(std::path::Path::new("/nonexistent/x.pdf"), 0, 100.0)
        .unwrap_err();
    assert!(matches!(err, PdfError::Io { .. }), "{err}");
    assert_eq!(err.code(), "file_unreadable");
}

#[test]
fn renders_png_at_100_dpi() {
    let (_d, path) = write(&sample::clean_letter());
    let png = engine().render_page_png(&path, 0, 100.0).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(
        (826..=828).contains(&w) && (1168..=1170).contains(&h),
        "{w}×{h}"
    );
    let err = engine().render_page_png(&path, 1, 100.0).unwrap_err();
    assert!(
        matches!(err, PdfError::NoSuchPage { page: 1, pages: 1 }),
        "{err}"
    );
    let (_d2, bad) = write(&sample::not_a_pdf());
    assert!(engine().render_page_png(&bad, 0, 100.0).is_err());
}

#[test]
fn preview_keeps_colours_and_white_paper() {
    // A red logo stays red in the preview (not blue: pdfium's byte order), the paper
    // white, and the rows hold exactly width × 3 bytes (827 px: pdfium pads its rows
    // to 4 bytes).
    let (_d, path) = write(&sample::letter(&LetterSpec {
        coloured_box: Some([0.9, 0.1, 0.1]),
        ..Default::default()
    }));
    let png = engine().render_page_png(&path, 0, 100.0).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    let mut img = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut img).unwrap();
    assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Rgb, png::BitDepth::Eight));
    assert!(info.width % 4 != 0, "a width that needs row padding: {}", info.width);
    let px_per_mm = info.width as f32 / 210.0;
    let at = |x_mm: f32, y_mm: f32| {
        let (x, y) = ((x_mm * px_per_mm) as usize, (y_mm * px_per_mm) as usize);
        let i = y * info.line_size + x * 3;
        [img[i], img[i + 1], img[i + 2]]
    };
    let [r, g, b] = at(45.0, 210.0);
    assert!(r > 200 && g < 60 && b < 60, "logo pixel {:?}", [r, g, b]);
    assert_eq!(at(150.0, 250.0), [255, 255, 255], "paper");
    assert_eq!(at(5.0, 290.0), [255, 255, 255], "paper at the last row's start");
}

#[test]
fn preflight_and_render_on_one_open() {
    let (_d, path) = write(&sample::clean_letter());
    let (p, png) = engine()
        .preflight_and_render(&path, &for_provider(ProviderKind::Epost), 100.0)
        .unwrap();
    assert!(!p.has_errors());
    assert!(png.unwrap().starts_with(b"\x89PNG"));
    let (_d2, bad) = write(&sample::encrypted());
    let (p, png) = engine()
        .preflight_and_render(&bad, &for_provider(ProviderKind::Epost), 100.0)
        .unwrap();
    assert!(p.has("encrypted") && png.is_none());
}

#[test]
fn handle_is_shared_across_threads() {
    fn assert_send_sync<T: Clone + Send + Sync>() {}
    assert_send_sync::<PdfEngine>();
    let (_d, path) = write(&sample::clean_letter());
    let e = engine();
    let rules = for_provider(ProviderKind::Epost);
    std::thread::scope(|s| {
        for _ in 0..4 {
            let (e, rules, path) = (e.clone(), rules.clone(), path.clone());
            s.spawn(move || {
                for _ in 0..5 {
                    assert!(!e.preflight(&path, &rules).unwrap().has_errors());
                }
            });
        }
    });
}

#[test]
fn json_is_snake_case() {
    let p = check(&sample::letter(&LetterSpec {
        ink_in_franking: true,
        ..Default::default()
    }));
    let j = serde_json::to_value(&p).unwrap();
    assert_eq!(j["findings"][0]["severity"], "error");
    assert_eq!(j["findings"][0]["code"], "ink_in_zone");
    assert!(j["page_sizes_mm"][0].is_array());
    assert_eq!(j["address"]["postal_code"], "53113");
}

#[test]
fn time_limit_stops_the_checks_instead_of_hanging() {
    let (_d, path) = write(&sample::letter(&LetterSpec {
        pages: 20,
        ..Default::default()
    }));
    let e = engine().with_time_limit(std::time::Duration::ZERO);
    let started = std::time::Instant::now();
    let p = e
        .preflight(&path, &for_provider(ProviderKind::Epost))
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(p.has("check_incomplete"), "{:?}", codes(&p));
    assert!(
        !p.has("no_text"),
        "an unfinished check must not claim there is no text"
    );
}

#[test]
fn body_text_above_105_mm_suggests_a_cover_letter() {
    // DIN 5008 puts the subject at about 98 mm: above E-POST's 105 mm line.
    let p = check(&sample::letter(&LetterSpec {
        body_top_mm: 98.0,
        ..Default::default()
    }));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "body_above_line")
        .unwrap_or_else(|| panic!("no body_above_line in {:?}", codes(&p)));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.page, Some(1));
    assert!(f.hint.as_deref().unwrap().contains("cover letter"), "{f:?}");
    assert!(p.address.is_some(), "the address is still read");
    // The clean sample starts its body at 110 mm; other providers state no such line.
    assert!(!check(&sample::clean_letter()).has("body_above_line"));
    let eko = check_with(
        &sample::letter(&LetterSpec {
            body_top_mm: 98.0,
            ..LetterSpec::to(&["Sven Svensson", "Storgatan 1", "123 45 Stockholm"])
        }),
        &for_provider(ProviderKind::Ekopost),
    );
    assert!(!eko.has("body_above_line"), "{:?}", codes(&eko));
}

#[test]
fn a_cover_letter_lifts_the_page_1_rules_but_not_the_margins() {
    let bytes = sample::letter(&LetterSpec {
        body_top_mm: 98.0,
        ink_in_franking: true,
        ink_in_left_margin: true,
        ..Default::default()
    });
    let plain = check(&bytes);
    assert!(plain.has("body_above_line") && plain.has("ink_in_zone"), "{:?}", codes(&plain));
    let rules = for_provider(ProviderKind::Epost).with_cover_letter();
    let covered = check_with(&bytes, &rules);
    assert!(!covered.has("body_above_line"), "{:?}", codes(&covered));
    let ink: Vec<_> = covered.findings.iter().filter(|f| f.code == "ink_in_zone").collect();
    assert_eq!(ink.len(), 1, "{:?}", codes(&covered));
    assert_eq!(ink[0].zone.as_deref(), Some("left_margin"), "the margin still applies");
    assert_eq!(covered.address, plain.address, "the recipient is still read for the address fields");
}
