//! The processed PDF of a test letter (`LetterDataResult.data`): the letter as
//! sent, and with `testShowRestrictedArea` the provider's restricted-area
//! template laid over it — the zones of `shared/providers/epost.md` ("Sperrflächen-
//! schablone V3", mm from the top-left corner of an A4 portrait page), as data.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// One zone of the template: x, y, w, h in mm; `first_page_only`.
struct Zone {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    first_page_only: bool,
    /// The address window is drawn blue, the keep-free areas red.
    window: bool,
}

const ZONES: &[Zone] = &[
    // Address window, x 20–105, y 45–90.
    Zone { x: 20.0, y: 45.0, w: 85.0, h: 45.0, first_page_only: true, window: true },
    // Franking / machine-readable band right of the window, 13 mm from y 53.
    Zone { x: 105.0, y: 53.0, w: 105.0, h: 13.0, first_page_only: true, window: false },
    // Left margin of every page, 12 mm.
    Zone { x: 0.0, y: 0.0, w: 12.0, h: 297.0, first_page_only: false, window: false },
];

const PT_PER_MM: f32 = 72.0 / 25.4;

/// The test result of `pdf`. CHOICE: without the overlay, or when the PDF cannot
/// be parsed, the letter comes back as it was sent (the provider "normalises"
/// PDFs; we do not imitate that).
pub fn render(pdf: &[u8], show_restricted_area: bool) -> Vec<u8> {
    if !show_restricted_area {
        return pdf.to_vec();
    }
    overlay(pdf).unwrap_or_else(|e| {
        tracing::warn!("test result overlay: {e}");
        pdf.to_vec()
    })
}

fn overlay(pdf: &[u8]) -> Result<Vec<u8>, lopdf::Error> {
    let mut doc = Document::load_mem(pdf)?;
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    for (i, page_id) in pages.into_iter().enumerate() {
        let height_pt = page_height(&doc, page_id).unwrap_or(297.0 * PT_PER_MM);
        let ops = zone_ops(i == 0, height_pt);
        let bytes = Content { operations: ops }.encode()?;
        // `q … Q` around the page's own content would need rewriting it; our
        // stream comes last and starts from a saved, reset state instead.
        let id = doc.add_object(Stream::new(dictionary! {}, bytes));
        let page = doc.get_object_mut(page_id)?.as_dict_mut()?;
        let contents = match page.get(b"Contents") {
            Ok(Object::Array(a)) => {
                let mut a = a.clone();
                a.push(Object::Reference(id));
                a
            }
            Ok(other) => vec![other.clone(), Object::Reference(id)],
            Err(_) => vec![Object::Reference(id)],
        };
        page.set("Contents", Object::Array(contents));
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

fn page_height(doc: &Document, page_id: lopdf::ObjectId) -> Option<f32> {
    let page = doc.get_object(page_id).ok()?.as_dict().ok()?;
    let mb = page.get(b"MediaBox").ok()?.as_array().ok()?;
    let y0 = mb.get(1)?.as_float().ok()?;
    let y1 = mb.get(3)?.as_float().ok()?;
    Some(y1 - y0)
}

fn zone_ops(first_page: bool, height_pt: f32) -> Vec<Operation> {
    let n = |v: f32| Object::Real(v);
    let mut ops = vec![Operation::new("q", vec![]), Operation::new("w", vec![n(1.2)])];
    for z in ZONES.iter().filter(|z| first_page || !z.first_page_only) {
        let (r, g, b) = if z.window { (0.13, 0.55, 0.90) } else { (0.88, 0.19, 0.19) };
        let x = z.x * PT_PER_MM;
        let w = z.w * PT_PER_MM;
        let h = z.h * PT_PER_MM;
        let y = height_pt - (z.y + z.h) * PT_PER_MM;
        ops.push(Operation::new("RG", vec![n(r), n(g), n(b)]));
        ops.push(Operation::new("re", vec![n(x), n(y), n(w), n(h)]));
        ops.push(Operation::new("S", vec![]));
    }
    ops.push(Operation::new("Q", vec![]));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal one-page PDF with a valid xref.
    fn tiny_pdf() -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 1 rg 100 100 50 50 re f".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn overlay_adds_the_zones_to_every_page() {
        let pdf = tiny_pdf();
        assert_eq!(render(&pdf, false), pdf);
        let out = render(&pdf, true);
        assert_ne!(out, pdf);
        let doc = Document::load_mem(&out).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let text = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
        assert!(text.contains("100 100 50 50 re"), "the letter is still there: {text}");
        // Address window: x 20 mm = 56.69 pt, y from the bottom 842 − 90 mm.
        assert!(text.contains("re"), "{text}");
        assert_eq!(text.matches(" re").count(), 4, "letter + 3 zones: {text}");
    }

    #[test]
    fn an_unreadable_pdf_comes_back_as_sent() {
        let junk = b"%PDF-1.4 not really".to_vec();
        assert_eq!(render(&junk, true), junk);
    }
}
