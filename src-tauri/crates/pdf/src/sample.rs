//! Test letters written byte by byte, without pdfium, for this crate's tests and for
//! other crates' and the end-to-end tests.
//!
//! Positions in `LetterSpec` are millimetres from the top-left corner, like the zone
//! tables; the writer turns them into PDF points from the bottom-left (1 pt = 25.4/72 mm).
//! Text uses a standard Type 1 font (Helvetica, WinAnsi encoding) so pdfium can extract
//! it without any font file.

const PT_PER_MM: f32 = 72.0 / 25.4;

/// What to put on a sample letter. `LetterSpec::default()` is a clean one-page E-POST
/// letter: sender line and recipient inside the address window, body below 105 mm.
#[derive(Debug, Clone)]
pub struct LetterSpec {
    pub pages: u32,
    /// Width, height in mm. `[297.0, 210.0]` is A4 landscape, `[215.9, 279.4]` US Letter.
    pub page_size_mm: [f32; 2],
    /// Small one-line return address at the top of the window (7 pt).
    pub sender_line: Option<String>,
    /// Recipient lines (11 pt), e.g. name, street, "53113 Bonn".
    pub recipient: Vec<String>,
    /// Top-left of the sender line, mm. The E-POST window is x 20–105, y 45–90.
    pub address_at_mm: (f32, f32),
    /// Body lines (10 pt), starting at `body_top_mm`.
    pub body: Vec<String>,
    pub body_top_mm: f32,
    /// Base font name. A non-standard name (e.g. "Calibri"; not "ArialMT", which pdfium
    /// treats as an alias of Helvetica) gives a font that is
    /// neither standard nor embedded.
    pub font: String,
    /// A black box in E-POST's franking zone (right of the window, y 53–66 mm).
    pub ink_in_franking: bool,
    /// A black mark in the 12 mm left margin of every page.
    pub ink_in_left_margin: bool,
    /// No text at all: a grey image stands in for a scanned page.
    pub image_only: bool,
    /// Extra bytes in an unused stream, to make a file large.
    pub padding_bytes: usize,
    /// A filled-in form field (a widget annotation, not page content) in E-POST's
    /// franking zone: only a render shows it.
    pub form_field_in_franking: bool,
    /// An open action that runs JavaScript.
    pub javascript: bool,
    /// A grey image of this many pixels square in the body (run-length encoded, so
    /// the file stays small while the decoded image is huge).
    pub huge_image_px: Option<u32>,
    /// A big outlined word (text render mode 1, a 30 pt line) on page 1 whose glyphs
    /// start 2 mm right of the 12 mm left margin: the outline's width reaches into
    /// the margin, while the text object's bounds (the glyphs) stay outside it.
    pub outlined_text_by_left_margin: bool,
    /// A box in this RGB colour (0–1) in the body of page 1, x 30–60 mm, y 200–220 mm
    /// from the top: a coloured logo, clear of every zone.
    pub coloured_box: Option<[f32; 3]>,
}

impl Default for LetterSpec {
    fn default() -> Self {
        LetterSpec {
            pages: 1,
            page_size_mm: [210.0, 297.0],
            sender_line: Some("Muster GmbH · Hauptstraße 5 · 10115 Berlin".into()),
            recipient: vec![
                "Erika Mustermann".into(),
                "Musterstraße 1".into(),
                "53113 Bonn".into(),
            ],
            address_at_mm: (25.0, 47.0),
            body: vec![
                "Sehr geehrte Frau Mustermann,".into(),
                "".into(),
                "anbei erhalten Sie die Unterlagen zu Ihrem Antrag.".into(),
                "".into(),
                "Mit freundlichen Grüßen".into(),
                "Muster GmbH".into(),
            ],
            body_top_mm: 110.0,
            font: "Helvetica".into(),
            ink_in_franking: false,
            ink_in_left_margin: false,
            image_only: false,
            padding_bytes: 0,
            form_field_in_franking: false,
            outlined_text_by_left_margin: false,
            coloured_box: None,
            javascript: false,
            huge_image_px: None,
        }
    }
}

impl LetterSpec {
    /// A clean letter to a foreign or non-German address, e.g. `["Sven Svensson",
    /// "Storgatan 1", "123 45 Stockholm", "SCHWEDEN"]`.
    pub fn to(recipient: &[&str]) -> Self {
        LetterSpec {
            recipient: recipient.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }
}

/// A PDF letter as described by `spec`.
pub fn letter(spec: &LetterSpec) -> Vec<u8> {
    let mut w = Writer::default();
    // Fixed object numbers: 1 catalog, 2 pages, 3 font, 4 image; pages follow, then
    // the padding, the form field, its appearance and the huge image.
    let [wmm, hmm] = spec.page_size_mm;
    let (wpt, hpt) = (wmm * PT_PER_MM, hmm * PT_PER_MM);
    let n = spec.pages;
    let first_page = 5;
    let after_pages = first_page + 2 * n;
    let (field, appearance, huge) = (after_pages + 1, after_pages + 2, after_pages + 3);
    let kids: Vec<String> = (0..n)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let mut catalog = "<< /Type /Catalog /Pages 2 0 R".to_string();
    if spec.form_field_in_franking {
        catalog += &format!(" /AcroForm << /Fields [{field} 0 R] /NeedAppearances false >>");
    }
    if spec.javascript {
        catalog += " /OpenAction << /S /JavaScript /JS (app.alert\\('Hello'\\);) >>";
    }
    catalog += " >>";
    w.obj(1, catalog.into_bytes());
    w.obj(
        2,
        format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), n).into_bytes(),
    );
    w.obj(
        3,
        format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
            spec.font
        )
        .into_bytes(),
    );
    w.stream(4, "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0x60, 0xa0, 0xc0, 0x80]);
    for i in 0..n {
        let page_obj = first_page + 2 * i;
        let annots = if spec.form_field_in_franking && i == 0 {
            format!(" /Annots [{field} 0 R]")
        } else {
            String::new()
        };
        let huge_xobj = if spec.huge_image_px.is_some() {
            format!(" /Im2 {huge} 0 R")
        } else {
            String::new()
        };
        w.obj(
            page_obj,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2} {hpt:.2}]{annots} \
                 /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R{huge_xobj} >> >> /Contents {} 0 R >>",
                page_obj + 1
            )
            .into_bytes(),
        );
        w.stream(page_obj + 1, "", &page_content(spec, i, hmm));
    }
    if spec.padding_bytes > 0 {
        let pad = vec![b'0'; spec.padding_bytes];
        w.stream(after_pages, "", &pad);
    }
    if spec.form_field_in_franking {
        // A text field over E-POST's franking zone (x 150–190 mm, y 55–63 mm), its
        // appearance a black box: what a filled-in stamp field looks like in print.
        let (x0, y0, x1, y1) = (150.0 * PT_PER_MM, (hmm - 63.0) * PT_PER_MM, 190.0 * PT_PER_MM, (hmm - 55.0) * PT_PER_MM);
        w.obj(
            field,
            format!(
                "<< /Type /Annot /Subtype /Widget /FT /Tx /T (stamp) /V (PAID) /F 4 \
                 /Rect [{x0:.2} {y0:.2} {x1:.2} {y1:.2}] /P {first_page} 0 R /AP << /N {appearance} 0 R >> >>"
            )
            .into_bytes(),
        );
        w.stream(
            appearance,
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 {:.2} {:.2}]", x1 - x0, y1 - y0),
            format!("0 g 0 0 {:.2} {:.2} re f", x1 - x0, y1 - y0).as_bytes(),
        );
    }
    if let Some(side) = spec.huge_image_px {
        // RunLength: a length byte 129 means "the next byte 128 times".
        let total = side as usize * side as usize;
        let mut data = Vec::with_capacity(total / 64 + 2);
        let mut left = total;
        while left > 0 {
            let run = left.min(128);
            if run == 1 {
                data.extend_from_slice(&[0, 0xc8]); // a literal run of one byte
            } else {
                data.extend_from_slice(&[(257 - run) as u8, 0xc8]);
            }
            left -= run;
        }
        data.push(128); // end of data
        w.stream(
            huge,
            &format!("/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode"),
            &data,
        );
    }
    w.finish(1, None)
}

/// A clean one-page letter (`LetterSpec::default()`).
pub fn clean_letter() -> Vec<u8> {
    letter(&LetterSpec::default())
}

/// A letter whose Encrypt dictionary demands a password nobody knows: pdfium (and any
/// reader) refuses to open it without one. The content itself is not enciphered —
/// enough to test the "encrypted" path without a crypto dependency.
pub fn encrypted() -> Vec<u8> {
    let mut w = Writer::default();
    let plain = clean_letter();
    // Re-use the clean letter's objects: parse nothing, just rebuild with an Encrypt dict.
    let body_end = find(&plain, b"xref\n").unwrap_or(plain.len());
    w.buf = plain[..body_end].to_vec();
    w.offsets = object_offsets(&w.buf);
    let n = w.offsets.len() as u32;
    let hex32 = |seed: u8| {
        (0..32u8)
            .map(|i| format!("{:02x}", i.wrapping_mul(37).wrapping_add(seed)))
            .collect::<String>()
    };
    w.obj(
        n + 1,
        format!(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /O <{}> /U <{}> /P -3904 >>",
            hex32(11),
            hex32(97)
        )
        .into_bytes(),
    );
    w.finish(1, Some(n + 1))
}

/// The first 40 % of a clean letter: no xref, no trailer, content cut short.
pub fn truncated() -> Vec<u8> {
    let b = clean_letter();
    b[..b.len() * 2 / 5].to_vec()
}

/// A letter whose xref table and startxref point at the wrong places.
pub fn corrupt_xref() -> Vec<u8> {
    let mut b = clean_letter();
    if let Some(x) = find(&b, b"xref\n") {
        for byte in &mut b[x + 5..] {
            if byte.is_ascii_digit() {
                *byte = b'7';
            }
        }
    }
    b
}

/// A syntactically fine PDF with no pages.
pub fn zero_pages() -> Vec<u8> {
    let mut w = Writer::default();
    w.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    w.obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec());
    w.finish(1, None)
}

/// A clean letter followed by `streams` compressed object streams (`/Type /ObjStm`)
/// that each inflate to 8 MB of zeros, about 8 KB each in the file: a file crafted
/// to make a script check that inflates every object stream work through
/// gigabytes. The letter's own `startxref` is repeated at the end, so pdfium reads
/// the letter through its cross-reference table (nothing refers to the streams)
/// instead of rebuilding one from every object in the file.
pub fn object_stream_bomb(streams: usize) -> Vec<u8> {
    let zeros = vec![0u8; 8 << 20];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 10);
    let mut b = clean_letter();
    let tail = b[rfind(&b, b"startxref").expect("a letter has startxref")..].to_vec();
    for n in 0..streams {
        b.extend_from_slice(
            format!(
                "{} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
                10_000 + n,
                packed.len()
            )
            .as_bytes(),
        );
        b.extend_from_slice(&packed);
        b.extend_from_slice(b"\nendstream\nendobj\n");
    }
    b.extend_from_slice(&tail);
    b
}

/// Bytes that are not a PDF at all (a Word-like zip header and some text).
pub fn not_a_pdf() -> Vec<u8> {
    b"PK\x03\x04 this is not a PDF, it only has the name of one\n".to_vec()
}

/// One letter of a merged PDF as `merged_letters` wrote it (what a split by
/// address must find).
#[derive(Debug, Clone, PartialEq)]
pub struct MergedLetter {
    /// 0-based.
    pub first_page: u32,
    pub pages: u32,
    /// Recipient lines as written in the window (name, street, "PLZ Ort").
    pub recipient: Vec<String>,
    pub postal_code: String,
    pub city: String,
}

/// A mail merge's output: `n` German letters (E-POST / sandbox) in one PDF, of
/// mixed 1–3 pages (letter i has 1 + i % 3), each to its own address; the second
/// letter carries one more page, an enclosure without an address ("Anlage").
/// First pages say "Seite 1 von N" in the body. Returns the PDF and the letters.
pub fn merged_letters(n: usize) -> (Vec<u8>, Vec<MergedLetter>) {
    merged_with(n, |i| 1 + (i % 3) as u32 + u32::from(i == 1), Some(1))
}

/// As `merged_letters`, every letter `pages` pages long (no enclosure).
pub fn merged_letters_of(n: usize, pages: u32) -> (Vec<u8>, Vec<MergedLetter>) {
    merged_with(n, |_| pages.max(1), None)
}

/// `enclosure`: the letter whose last page is an enclosure without an address.
fn merged_with(n: usize, pages_of: impl Fn(usize) -> u32, enclosure: Option<usize>) -> (Vec<u8>, Vec<MergedLetter>) {
    const FIRST: [&str; 8] = ["Erika", "Hans", "Anna", "Peter", "Sabine", "Jürgen", "Monika", "Klaus"];
    const LAST: [&str; 7] = ["Mustermann", "Schmidt", "Becker", "Wagner", "Hoffmann", "Schäfer", "Koch"];
    const CITY: [&str; 6] = ["Bonn", "Köln", "Berlin", "Hamburg", "München", "Leipzig"];
    let mut letters = Vec::with_capacity(n);
    let mut first_page = 0;
    for i in 0..n {
        let postal_code = format!("{:05}", 10_000 + (i * 137) % 89_000);
        let city = CITY[i % CITY.len()].to_string();
        let name = format!("{} {} {}", FIRST[i % FIRST.len()], LAST[i % LAST.len()], i + 1);
        let recipient = vec![name, format!("Musterstraße {}", i + 1), format!("{postal_code} {city}")];
        let pages = pages_of(i);
        letters.push(MergedLetter { first_page, pages, recipient, postal_code, city });
        first_page += pages;
    }
    let total = first_page;
    let mut w = Writer::default();
    // 1 catalog, 2 pages, 3 font, 4 image (unused here); page k = 5 + 2k, its content 6 + 2k.
    let kids: Vec<String> = (0..total).map(|k| format!("{} 0 R", 5 + 2 * k)).collect();
    w.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    w.obj(2, format!("<< /Type /Pages /Kids [{}] /Count {total} >>", kids.join(" ")).into_bytes());
    w.obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
    w.stream(4, "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0x60, 0xa0, 0xc0, 0x80]);
    let (wpt, hpt) = (210.0 * PT_PER_MM, 297.0 * PT_PER_MM);
    for (i, l) in letters.iter().enumerate() {
        let spec = LetterSpec {
            recipient: l.recipient.clone(),
            body: vec![
                "Sehr geehrte Damen und Herren,".into(),
                format!("anbei Ihre Rechnung Nr. {}.", 1000 + i),
                "".into(),
                format!("Seite 1 von {}", l.pages),
            ],
            ..Default::default()
        };
        for p in 0..l.pages {
            let k = l.first_page + p;
            w.obj(
                5 + 2 * k,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2} {hpt:.2}] \
                     /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                    6 + 2 * k
                )
                .into_bytes(),
            );
            let content = if enclosure == Some(i) && p > 0 && p + 1 == l.pages {
                enclosure_content()
            } else {
                page_content(&spec, p, 297.0)
            };
            w.stream(6 + 2 * k, "", &content);
        }
    }
    (w.finish(1, None), letters)
}

/// An enclosure page: text in the body, nothing in the address window.
fn enclosure_content() -> Vec<u8> {
    let mut c = Vec::new();
    for (i, line) in ["Anlage: Preisliste", "Artikel 1 ... 12,00 EUR", "Artikel 2 ... 8,50 EUR"].iter().enumerate() {
        c.extend_from_slice(format!("BT /F1 10 Tf {:.2} {:.2} Td (", 25.0 * PT_PER_MM, (297.0 - 40.0 - 5.0 * i as f32) * PT_PER_MM).as_bytes());
        c.extend(pdf_string(line));
        c.extend_from_slice(b") Tj ET\n");
    }
    c
}

fn page_content(spec: &LetterSpec, index: u32, page_h_mm: f32) -> Vec<u8> {
    let mut c = Vec::new();
    // y in mm from the top -> PDF y in pt from the bottom.
    let y = |mm: f32| (page_h_mm - mm) * PT_PER_MM;
    let x = |mm: f32| mm * PT_PER_MM;
    let text = |c: &mut Vec<u8>, size: f32, x_mm: f32, baseline_mm: f32, s: &str| {
        c.extend_from_slice(
            format!("BT /F1 {size} Tf {:.2} {:.2} Td (", x(x_mm), y(baseline_mm)).as_bytes(),
        );
        c.extend(pdf_string(s));
        c.extend_from_slice(b") Tj ET\n");
    };
    if spec.image_only {
        // A "scan": one grey image over the body area, clear of every zone.
        let (x0, top, w, h) = (25.0, 110.0, 160.0, 170.0);
        c.extend_from_slice(
            format!(
                "q {:.2} 0 0 {:.2} {:.2} {:.2} cm /Im1 Do Q\n",
                x(w),
                h * PT_PER_MM,
                x(x0),
                y(top + h)
            )
            .as_bytes(),
        );
    } else if index == 0 {
        if spec.outlined_text_by_left_margin {
            // "HI" at 40 pt from x 14 mm (H's stem starts about 0.5 mm further in),
            // 150 mm from the top; the 30 pt outline reaches 5.3 mm out of the glyphs.
            c.extend_from_slice(format!("BT /F1 40 Tf 1 Tr 30 w {:.2} {:.2} Td (HI) Tj ET 0 Tr 1 w\n", x(14.0), y(150.0)).as_bytes());
        }
        let (ax, ay) = spec.address_at_mm;
        if let Some(s) = &spec.sender_line {
            // 7 pt: cap height about 1.8 mm, well inside the 8 mm sender band.
            text(&mut c, 7.0, ax, ay + 3.0, s);
        }
        for (i, line) in spec.recipient.iter().enumerate() {
            text(&mut c, 11.0, ax, ay + 14.0 + 5.0 * i as f32, line);
        }
        for (i, line) in spec.body.iter().enumerate() {
            if !line.is_empty() {
                text(&mut c, 10.0, ax, spec.body_top_mm + 5.0 * i as f32, line);
            }
        }
    } else {
        text(&mut c, 10.0, 25.0, 30.0, &format!("Seite {}", index + 1));
    }
    if spec.huge_image_px.is_some() && index == 0 {
        // In the body, clear of every zone: 60 × 60 mm at 130 mm from the top.
        c.extend_from_slice(
            format!("q {:.2} 0 0 {:.2} {:.2} {:.2} cm /Im2 Do Q\n", x(60.0), 60.0 * PT_PER_MM, x(40.0), y(190.0)).as_bytes(),
        );
    }
    if let (Some([r, g, b]), 0) = (spec.coloured_box, index) {
        c.extend_from_slice(
            format!("q {r} {g} {b} rg {:.2} {:.2} {:.2} {:.2} re f Q\n", x(30.0), y(220.0), x(30.0), 20.0 * PT_PER_MM).as_bytes(),
        );
    }
    if spec.ink_in_franking && index == 0 {
        c.extend_from_slice(
            format!(
                "0 g {:.2} {:.2} {:.2} {:.2} re f\n",
                x(150.0),
                y(63.0),
                x(40.0),
                8.0 * PT_PER_MM
            )
            .as_bytes(),
        );
    }
    if spec.ink_in_left_margin {
        c.extend_from_slice(
            format!(
                "0 g {:.2} {:.2} {:.2} {:.2} re f\n",
                x(3.0),
                y(160.0),
                x(6.0),
                10.0 * PT_PER_MM
            )
            .as_bytes(),
        );
    }
    c
}

/// A PDF literal string in WinAnsi (Latin-1 for the characters we use), escaped.
fn pdf_string(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for ch in s.chars() {
        let b = match ch as u32 {
            0x20..=0x7e | 0xa0..=0xff => ch as u32 as u8,
            _ => b'?',
        };
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Offsets of "N 0 obj" lines in a buffer this module wrote (objects numbered 1..).
fn object_offsets(buf: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut n = 1;
    while let Some(p) = find(buf, format!("\n{n} 0 obj").as_bytes()) {
        out.push(p + 1);
        n += 1;
    }
    out
}

#[derive(Default)]
struct Writer {
    buf: Vec<u8>,
    /// Byte offset of object i+1.
    offsets: Vec<usize>,
}

impl Writer {
    fn header(&mut self) {
        if self.buf.is_empty() {
            self.buf.extend_from_slice(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
        }
    }

    fn obj(&mut self, num: u32, body: Vec<u8>) {
        self.header();
        let i = num as usize - 1;
        if self.offsets.len() <= i {
            self.offsets.resize(i + 1, 0);
        }
        self.offsets[i] = self.buf.len();
        self.buf
            .extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        self.buf.extend_from_slice(&body);
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    fn stream(&mut self, num: u32, dict: &str, data: &[u8]) {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.obj(num, body);
    }

    fn finish(mut self, root: u32, encrypt: Option<u32>) -> Vec<u8> {
        self.header();
        let xref = self.buf.len();
        let n = self.offsets.len() + 1;
        self.buf
            .extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
        for off in &self.offsets {
            self.buf
                .extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        let enc = encrypt
            .map(|e| format!(" /Encrypt {e} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"))
            .unwrap_or_default();
        self.buf.extend_from_slice(
            format!("trailer\n<< /Size {n} /Root {root} 0 R{enc} >>\nstartxref\n{xref}\n%%EOF\n")
                .as_bytes(),
        );
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_letter_is_a_pdf_with_a_valid_xref() {
        let b = clean_letter();
        assert!(b.starts_with(b"%PDF-1.4"));
        assert!(b.ends_with(b"%%EOF\n"));
        let offs = object_offsets(&b);
        assert_eq!(offs.len(), 6);
        for (i, o) in offs.iter().enumerate() {
            assert!(b[*o..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
    }

    #[test]
    fn escapes_and_encodes_text() {
        assert_eq!(pdf_string("a(b)\\ß€"), b"a\\(b\\)\\\\\xdf?".to_vec());
    }
}
