/** The window's languages (as in `index.ts`; a type of its own so the two files do not depend on each other). */
type Language = "en" | "de" | "sv" | "nb" | "fi" | "nl" | "fr";

/**
 * The preflight's findings worded for the clerk, per language, by code
 * (`FindingCode` in `src-tauri/crates/pdf/src/finding_code.rs`; the codes and the
 * parameters each may use are in `bindings/finding-codes.json`, and
 * `findings.test.ts` holds the two together). Per code: `message`, `hint`, and
 * where the Rust side has them `message_more_*` (the same problem on `count` more
 * pages) and `message_info` (the finding as a note). The zone names are under
 * `zones`. Numbers go through i18next's `number` format, so mm and MB have the
 * language's decimal separator.
 */

// Formats shared by every language (the translation test wants the same placeholders).
const MM = (name: string) => `{{${name}, number(maximumFractionDigits: 1)}}`;
const MB = (name: string) => `{{${name}, number(maximumFractionDigits: 1)}}`;
const N = (name: string) => `{{${name}, number}}`;

const en = {
  findings: {
    not_a_file: {
      message: "This is not a file but a device, a pipe or a folder; only PDF files can be sent.",
      hint: "Save the letter as a PDF file and add that file.",
    },
    file_unreadable: {
      message: "The file could not be read.",
      hint: "Check that it still exists and that you may open it, then add it again.",
    },
    too_large: {
      message: `The file is ${MB("mb")} MB; the provider takes at most ${MB("max_mb")} MB.`,
      hint: "Save the PDF again with smaller images (“reduce file size”), or split the letter.",
    },
    not_pdf: {
      message: "This file is not a PDF.",
      hint: "Open the document in its program and use “Save as PDF” or “Print to PDF”.",
    },
    check_failed: {
      message: "The PDF could not be checked.",
      hint: "Add the file again; if it keeps failing, print it to a new PDF and add that file instead.",
    },
    check_timeout: {
      message: "The PDF could not be checked: reading it took too long.",
      hint: "Print it to a new PDF (“Microsoft Print to PDF” or similar) and add that file instead.",
    },
    encrypted: {
      message: "The PDF is protected by a password and cannot be sent.",
      hint: "Save or print it again as a PDF without a password.",
    },
    corrupt: {
      message: "The PDF is damaged or uses features the checker cannot read.",
      hint: "Create the PDF again from the original document, or print it to a new PDF and add that file.",
    },
    no_pages: {
      message: "The PDF has no pages.",
      hint: "Create the PDF again from the original document.",
    },
    too_many_pages: {
      message: `The letter has ${N("count")} pages; the provider takes at most ${N("limit")}.`,
      hint: "Split it into several letters.",
    },
    ink_in_zone: {
      message: "Something is printed in the area “{{zone}}”, which must stay empty.",
      message_more_one: "Something is printed in the area “{{zone}}”, which must stay empty: on this page and {{count}} more page.",
      message_more_other: "Something is printed in the area “{{zone}}”, which must stay empty: on this page and {{count}} more pages.",
      hint: "Move the text, logo or line out of the marked area (turn on “Show restricted areas” in the preview).",
    },
    no_text: {
      message: "The PDF contains no text, only images (a scan?).",
      hint: "Create the PDF from the original document, or run text recognition (OCR) on the scan.",
    },
    check_incomplete: {
      message: "The PDF is so complex that not every page could be checked in time.",
      hint: "The provider checks it again; if it is rejected, simplify the PDF (print it to a new PDF).",
    },
    image_huge: {
      message: `An image on this page is very large (${N("width_px")} × ${N("height_px")} pixels); the letter may print slowly or be refused.`,
      hint: "Save the PDF again with “reduce file size” (300 dpi is plenty for print).",
    },
    xfa_form: {
      message: "The PDF is a dynamic (XFA) form; the print centre may print it empty or not at all.",
      hint: "Fill in the form, then “Print to PDF” to get a plain PDF, and add that file.",
    },
    form_fields: {
      message: "The PDF has form fields; they are printed as they are filled in now.",
      hint: "Check the preview: what you see is what is printed.",
    },
    javascript: {
      message: "The PDF contains JavaScript; the print centre ignores it, so anything it would show or change is not printed.",
      hint: "Check the preview, or “Print to PDF” to get a plain PDF.",
    },
    javascript_unchecked: {
      message: "The PDF has too much compressed content to check all of it for JavaScript; if it has any, the print centre ignores it, so anything it would show or change is not printed.",
      hint: "Check the preview, or “Print to PDF” to get a plain PDF.",
    },
    not_a4: {
      message: `The page size is ${MM("w_mm")} × ${MM("h_mm")} mm, not A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `The page size is ${MM("w_mm")} × ${MM("h_mm")} mm, not A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): on this page and {{count}} more page.`,
      message_more_other: `The page size is ${MM("w_mm")} × ${MM("h_mm")} mm, not A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): on this page and {{count}} more pages.`,
      hint: "Set the paper size to A4 in the program that made the PDF and save it again.",
    },
    landscape: {
      message: "The page is in landscape format; letters must be portrait.",
      message_more_one: "The page is in landscape format; letters must be portrait. So are {{count}} more page.",
      message_more_other: "The page is in landscape format; letters must be portrait. So are {{count}} more pages.",
      hint: "Turn the page to portrait (upright) and save the PDF again.",
    },
    fonts_not_embedded: {
      message: "Some fonts are not embedded in the PDF ({{fonts}}); the provider will replace them, so the letter may look different.",
      message_info: "Standard fonts are not embedded ({{fonts}}); the print centre uses its own copies.",
      hint: "Turn on “embed fonts” (or PDF/A) when saving the PDF.",
    },
    body_above_line: {
      message: `The text on page 1 starts ${MM("mm")} mm from the top; without a cover letter the provider expects the letter text to start below ${MM("line_mm")} mm.`,
      hint: `Send it with a cover letter (the provider then adds its own first page), or move the text on page 1 below ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "No address was found in the address window on page 1.",
      hint: `Place the recipient’s address inside the window area (${MM("x_from_mm")}–${MM("x_to_mm")} mm from the left, ${MM("y_from_mm")}–${MM("y_to_mm")} mm from the top).`,
    },
    address_unreadable: {
      message: "The address in the window has no recognisable postal code and town.",
      hint: "Write the postal code and town on one line (e.g. “53113 Bonn”), below the street, with the country last for foreign addresses.",
    },
    address_line_too_long: {
      message: `An address line has ${N("chars")} characters; the provider takes at most ${N("limit")}: “{{text}}”.`,
      hint: "Shorten the line or split it over two lines.",
    },
  },
  zones: {
    address_window: "Address window",
    franking: "Franking and machine-readable zone",
    left_margin: "Left margin (print-centre marks)",
  },
};

type Texts = typeof en;

const de: Texts = {
  findings: {
    not_a_file: {
      message: "Das ist keine Datei, sondern ein Gerät, eine Pipe oder ein Ordner; versenden lassen sich nur PDF-Dateien.",
      hint: "Speichern Sie den Brief als PDF-Datei und fügen Sie diese Datei hinzu.",
    },
    file_unreadable: {
      message: "Die Datei konnte nicht gelesen werden.",
      hint: "Prüfen Sie, ob es sie noch gibt und ob Sie sie öffnen dürfen, und fügen Sie sie dann erneut hinzu.",
    },
    too_large: {
      message: `Die Datei ist ${MB("mb")} MB groß; der Anbieter nimmt höchstens ${MB("max_mb")} MB an.`,
      hint: "Speichern Sie das PDF mit kleineren Bildern neu („Dateigröße reduzieren“) oder teilen Sie den Brief auf.",
    },
    not_pdf: {
      message: "Diese Datei ist kein PDF.",
      hint: "Öffnen Sie das Dokument in seinem Programm und wählen Sie „Als PDF speichern“ oder „Als PDF drucken“.",
    },
    check_failed: {
      message: "Das PDF konnte nicht geprüft werden.",
      hint: "Fügen Sie die Datei erneut hinzu; klappt es wieder nicht, drucken Sie sie in ein neues PDF und fügen Sie dieses hinzu.",
    },
    check_timeout: {
      message: "Das PDF konnte nicht geprüft werden: Das Lesen hat zu lange gedauert.",
      hint: "Drucken Sie es in ein neues PDF („Microsoft Print to PDF“ o. Ä.) und fügen Sie diese Datei hinzu.",
    },
    encrypted: {
      message: "Das PDF ist durch ein Passwort geschützt und kann nicht versendet werden.",
      hint: "Speichern oder drucken Sie es erneut als PDF ohne Passwort.",
    },
    corrupt: {
      message: "Das PDF ist beschädigt oder nutzt Funktionen, die die Prüfung nicht lesen kann.",
      hint: "Erstellen Sie das PDF neu aus dem Originaldokument oder drucken Sie es in ein neues PDF und fügen Sie dieses hinzu.",
    },
    no_pages: {
      message: "Das PDF hat keine Seiten.",
      hint: "Erstellen Sie das PDF neu aus dem Originaldokument.",
    },
    too_many_pages: {
      message: `Der Brief hat ${N("count")} Seiten; der Anbieter nimmt höchstens ${N("limit")} an.`,
      hint: "Teilen Sie ihn auf mehrere Briefe auf.",
    },
    ink_in_zone: {
      message: "Im Bereich „{{zone}}“, der frei bleiben muss, ist etwas gedruckt.",
      message_more_one: "Im Bereich „{{zone}}“, der frei bleiben muss, ist etwas gedruckt: auf dieser und {{count}} weiteren Seite.",
      message_more_other: "Im Bereich „{{zone}}“, der frei bleiben muss, ist etwas gedruckt: auf dieser und {{count}} weiteren Seiten.",
      hint: "Verschieben Sie Text, Logo oder Linie aus dem markierten Bereich (in der Vorschau „Gesperrte Bereiche zeigen“ einschalten).",
    },
    no_text: {
      message: "Das PDF enthält keinen Text, nur Bilder (ein Scan?).",
      hint: "Erstellen Sie das PDF aus dem Originaldokument oder lassen Sie eine Texterkennung (OCR) über den Scan laufen.",
    },
    check_incomplete: {
      message: "Das PDF ist so aufwendig, dass nicht jede Seite rechtzeitig geprüft werden konnte.",
      hint: "Der Anbieter prüft es noch einmal; lehnt er es ab, vereinfachen Sie das PDF (in ein neues PDF drucken).",
    },
    image_huge: {
      message: `Ein Bild auf dieser Seite ist sehr groß (${N("width_px")} × ${N("height_px")} Pixel); der Brief wird womöglich langsam gedruckt oder abgelehnt.`,
      hint: "Speichern Sie das PDF mit „Dateigröße reduzieren“ neu (300 dpi genügen für den Druck).",
    },
    xfa_form: {
      message: "Das PDF ist ein dynamisches Formular (XFA); das Druckzentrum druckt es womöglich leer oder gar nicht.",
      hint: "Füllen Sie das Formular aus, erzeugen Sie mit „Als PDF drucken“ ein einfaches PDF und fügen Sie diese Datei hinzu.",
    },
    form_fields: {
      message: "Das PDF hat Formularfelder; sie werden so gedruckt, wie sie jetzt ausgefüllt sind.",
      hint: "Prüfen Sie die Vorschau: Was Sie sehen, wird gedruckt.",
    },
    javascript: {
      message: "Das PDF enthält JavaScript; das Druckzentrum ignoriert es, was es anzeigen oder ändern würde, wird also nicht gedruckt.",
      hint: "Prüfen Sie die Vorschau oder erzeugen Sie mit „Als PDF drucken“ ein einfaches PDF.",
    },
    javascript_unchecked: {
      message: "Das PDF enthält zu viele komprimierte Inhalte, um alles auf JavaScript zu prüfen; falls es welches hat, ignoriert das Druckzentrum es, was es anzeigen oder ändern würde, wird also nicht gedruckt.",
      hint: "Prüfen Sie die Vorschau oder erzeugen Sie mit „Als PDF drucken“ ein einfaches PDF.",
    },
    not_a4: {
      message: `Die Seite ist ${MM("w_mm")} × ${MM("h_mm")} mm groß, nicht A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `Die Seite ist ${MM("w_mm")} × ${MM("h_mm")} mm groß, nicht A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): diese und {{count}} weitere Seite.`,
      message_more_other: `Die Seite ist ${MM("w_mm")} × ${MM("h_mm")} mm groß, nicht A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): diese und {{count}} weitere Seiten.`,
      hint: "Stellen Sie im Programm, mit dem das PDF erstellt wurde, das Papierformat A4 ein und speichern Sie es neu.",
    },
    landscape: {
      message: "Die Seite ist im Querformat; Briefe müssen im Hochformat sein.",
      message_more_one: "Die Seite ist im Querformat; Briefe müssen im Hochformat sein. Das gilt auch für {{count}} weitere Seite.",
      message_more_other: "Die Seite ist im Querformat; Briefe müssen im Hochformat sein. Das gilt auch für {{count}} weitere Seiten.",
      hint: "Drehen Sie die Seite ins Hochformat und speichern Sie das PDF neu.",
    },
    fonts_not_embedded: {
      message: "Einige Schriften sind nicht in das PDF eingebettet ({{fonts}}); der Anbieter ersetzt sie, der Brief kann also anders aussehen.",
      message_info: "Standardschriften sind nicht eingebettet ({{fonts}}); das Druckzentrum nimmt seine eigenen.",
      hint: "Schalten Sie beim Speichern des PDFs „Schriften einbetten“ (oder PDF/A) ein.",
    },
    body_above_line: {
      message: `Der Text auf Seite 1 beginnt ${MM("mm")} mm vom oberen Rand; ohne Deckblatt erwartet der Anbieter den Brieftext erst unterhalb von ${MM("line_mm")} mm.`,
      hint: `Senden Sie ihn mit Deckblatt (der Anbieter fügt dann eine eigene erste Seite hinzu) oder setzen Sie den Text auf Seite 1 unter ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "Im Adressfenster auf Seite 1 wurde keine Anschrift gefunden.",
      hint: `Setzen Sie die Anschrift des Empfängers in den Fensterbereich (${MM("x_from_mm")}–${MM("x_to_mm")} mm vom linken, ${MM("y_from_mm")}–${MM("y_to_mm")} mm vom oberen Rand).`,
    },
    address_unreadable: {
      message: "In der Anschrift im Fenster sind keine Postleitzahl und kein Ort zu erkennen.",
      hint: "Schreiben Sie Postleitzahl und Ort in eine Zeile (z. B. „53113 Bonn“) unter die Straße, bei Auslandsanschriften das Land zuletzt.",
    },
    address_line_too_long: {
      message: `Eine Adresszeile hat ${N("chars")} Zeichen; der Anbieter nimmt höchstens ${N("limit")} an: „{{text}}“.`,
      hint: "Kürzen Sie die Zeile oder verteilen Sie sie auf zwei Zeilen.",
    },
  },
  zones: {
    address_window: "Adressfenster",
    franking: "Frankier- und Codierzone",
    left_margin: "Linker Rand (Markierungen des Druckzentrums)",
  },
};

const sv: Texts = {
  findings: {
    not_a_file: {
      message: "Det här är ingen fil utan en enhet, en pipe eller en mapp; bara PDF-filer kan skickas.",
      hint: "Spara brevet som en PDF-fil och lägg till den filen.",
    },
    file_unreadable: {
      message: "Filen kunde inte läsas.",
      hint: "Kontrollera att den fortfarande finns och att du har behörighet att öppna den, och lägg sedan till den igen.",
    },
    too_large: {
      message: `Filen är ${MB("mb")} MB; leverantören tar emot högst ${MB("max_mb")} MB.`,
      hint: "Spara om PDF:en med mindre bilder (”minska filstorlek”) eller dela upp brevet.",
    },
    not_pdf: {
      message: "Filen är inte en PDF.",
      hint: "Öppna dokumentet i sitt program och välj ”Spara som PDF” eller ”Skriv ut till PDF”.",
    },
    check_failed: {
      message: "PDF:en kunde inte kontrolleras.",
      hint: "Lägg till filen igen; om det fortsätter att misslyckas, skriv ut den till en ny PDF och lägg till den i stället.",
    },
    check_timeout: {
      message: "PDF:en kunde inte kontrolleras: det tog för lång tid att läsa den.",
      hint: "Skriv ut den till en ny PDF (”Microsoft Print to PDF” eller liknande) och lägg till den filen i stället.",
    },
    encrypted: {
      message: "PDF:en är lösenordsskyddad och kan inte skickas.",
      hint: "Spara eller skriv ut den igen som PDF utan lösenord.",
    },
    corrupt: {
      message: "PDF:en är skadad eller använder funktioner som kontrollen inte kan läsa.",
      hint: "Skapa PDF:en på nytt från originaldokumentet, eller skriv ut den till en ny PDF och lägg till den.",
    },
    no_pages: {
      message: "PDF:en har inga sidor.",
      hint: "Skapa PDF:en på nytt från originaldokumentet.",
    },
    too_many_pages: {
      message: `Brevet har ${N("count")} sidor; leverantören tar emot högst ${N("limit")}.`,
      hint: "Dela upp det i flera brev.",
    },
    ink_in_zone: {
      message: "Något är tryckt i ytan ”{{zone}}”, som måste vara tom.",
      message_more_one: "Något är tryckt i ytan ”{{zone}}”, som måste vara tom: på den här sidan och {{count}} sida till.",
      message_more_other: "Något är tryckt i ytan ”{{zone}}”, som måste vara tom: på den här sidan och {{count}} sidor till.",
      hint: "Flytta texten, logotypen eller linjen ut ur den markerade ytan (slå på ”Visa reserverade ytor” i förhandsvisningen).",
    },
    no_text: {
      message: "PDF:en innehåller ingen text, bara bilder (en inskannad sida?).",
      hint: "Skapa PDF:en från originaldokumentet, eller kör textigenkänning (OCR) på den inskannade filen.",
    },
    check_incomplete: {
      message: "PDF:en är så komplex att inte alla sidor hann kontrolleras.",
      hint: "Leverantören kontrollerar den igen; om den avvisas, förenkla PDF:en (skriv ut den till en ny PDF).",
    },
    image_huge: {
      message: `En bild på den här sidan är mycket stor (${N("width_px")} × ${N("height_px")} pixlar); brevet kan skrivas ut långsamt eller avvisas.`,
      hint: "Spara om PDF:en med ”minska filstorlek” (300 dpi räcker gott för tryck).",
    },
    xfa_form: {
      message: "PDF:en är ett dynamiskt formulär (XFA); tryckeriet kan skriva ut det tomt eller inte alls.",
      hint: "Fyll i formuläret, välj ”Skriv ut till PDF” för att få en vanlig PDF och lägg till den filen.",
    },
    form_fields: {
      message: "PDF:en har formulärfält; de skrivs ut så som de är ifyllda nu.",
      hint: "Titta i förhandsvisningen: det du ser är det som skrivs ut.",
    },
    javascript: {
      message: "PDF:en innehåller JavaScript; tryckeriet ignorerar det, så det som skriptet skulle visa eller ändra skrivs inte ut.",
      hint: "Titta i förhandsvisningen, eller välj ”Skriv ut till PDF” för att få en vanlig PDF.",
    },
    javascript_unchecked: {
      message: "PDF:en har för mycket komprimerat innehåll för att allt ska kunna kontrolleras för JavaScript; om den har något ignorerar tryckeriet det, så det som skriptet skulle visa eller ändra skrivs inte ut.",
      hint: "Titta i förhandsvisningen, eller välj ”Skriv ut till PDF” för att få en vanlig PDF.",
    },
    not_a4: {
      message: `Sidan är ${MM("w_mm")} × ${MM("h_mm")} mm, inte A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `Sidan är ${MM("w_mm")} × ${MM("h_mm")} mm, inte A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): den här sidan och {{count}} sida till.`,
      message_more_other: `Sidan är ${MM("w_mm")} × ${MM("h_mm")} mm, inte A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): den här sidan och {{count}} sidor till.`,
      hint: "Ställ in pappersformatet A4 i programmet som skapade PDF:en och spara den igen.",
    },
    landscape: {
      message: "Sidan är i liggande format; brev måste vara stående.",
      message_more_one: "Sidan är i liggande format; brev måste vara stående. Det gäller även {{count}} sida till.",
      message_more_other: "Sidan är i liggande format; brev måste vara stående. Det gäller även {{count}} sidor till.",
      hint: "Vrid sidan till stående format och spara PDF:en igen.",
    },
    fonts_not_embedded: {
      message: "Vissa typsnitt är inte inbäddade i PDF:en ({{fonts}}); leverantören ersätter dem, så brevet kan se annorlunda ut.",
      message_info: "Standardtypsnitt är inte inbäddade ({{fonts}}); tryckeriet använder sina egna.",
      hint: "Slå på ”bädda in typsnitt” (eller PDF/A) när du sparar PDF:en.",
    },
    body_above_line: {
      message: `Texten på sida 1 börjar ${MM("mm")} mm från överkanten; utan försättsblad ska brevtexten enligt leverantören börja nedanför ${MM("line_mm")} mm.`,
      hint: `Skicka det med försättsblad (leverantören lägger då till en egen första sida), eller flytta texten på sida 1 nedanför ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "Ingen adress hittades i adressfönstret på sida 1.",
      hint: `Placera mottagarens adress inom fönsterytan (${MM("x_from_mm")}–${MM("x_to_mm")} mm från vänsterkanten, ${MM("y_from_mm")}–${MM("y_to_mm")} mm från överkanten).`,
    },
    address_unreadable: {
      message: "Adressen i fönstret har inget igenkännbart postnummer och ingen ort.",
      hint: "Skriv postnummer och ort på en rad (t.ex. ”114 55 Stockholm”) under gatuadressen, med landet sist för utländska adresser.",
    },
    address_line_too_long: {
      message: `En adressrad har ${N("chars")} tecken; leverantören tar emot högst ${N("limit")}: ”{{text}}”.`,
      hint: "Korta raden eller dela upp den på två rader.",
    },
  },
  zones: {
    address_window: "Adressfönster",
    franking: "Frankerings- och maskinläsningsyta",
    left_margin: "Vänstermarginal (tryckeriets markeringar)",
  },
};

const nb: Texts = {
  findings: {
    not_a_file: {
      message: "Dette er ikke en fil, men en enhet, et rør (pipe) eller en mappe; bare PDF-filer kan sendes.",
      hint: "Lagre brevet som en PDF-fil og legg til den filen.",
    },
    file_unreadable: {
      message: "Filen kunne ikke leses.",
      hint: "Kontroller at den fortsatt finnes og at du har tilgang til å åpne den, og legg den til på nytt.",
    },
    too_large: {
      message: `Filen er ${MB("mb")} MB; leverandøren tar imot høyst ${MB("max_mb")} MB.`,
      hint: "Lagre PDF-en på nytt med mindre bilder («reduser filstørrelse»), eller del opp brevet.",
    },
    not_pdf: {
      message: "Denne filen er ikke en PDF.",
      hint: "Åpne dokumentet i programmet sitt og velg «Lagre som PDF» eller «Skriv ut til PDF».",
    },
    check_failed: {
      message: "PDF-en kunne ikke kontrolleres.",
      hint: "Legg til filen på nytt; mislykkes det igjen, skriv den ut til en ny PDF og legg til den i stedet.",
    },
    check_timeout: {
      message: "PDF-en kunne ikke kontrolleres: det tok for lang tid å lese den.",
      hint: "Skriv den ut til en ny PDF («Microsoft Print to PDF» eller lignende) og legg til den filen i stedet.",
    },
    encrypted: {
      message: "PDF-en er beskyttet med passord og kan ikke sendes.",
      hint: "Lagre eller skriv den ut på nytt som PDF uten passord.",
    },
    corrupt: {
      message: "PDF-en er skadet eller bruker funksjoner kontrollen ikke kan lese.",
      hint: "Lag PDF-en på nytt fra originaldokumentet, eller skriv den ut til en ny PDF og legg til den.",
    },
    no_pages: {
      message: "PDF-en har ingen sider.",
      hint: "Lag PDF-en på nytt fra originaldokumentet.",
    },
    too_many_pages: {
      message: `Brevet har ${N("count")} sider; leverandøren tar imot høyst ${N("limit")}.`,
      hint: "Del det opp i flere brev.",
    },
    ink_in_zone: {
      message: "Noe er trykt i området «{{zone}}», som skal være tomt.",
      message_more_one: "Noe er trykt i området «{{zone}}», som skal være tomt: på denne siden og {{count}} side til.",
      message_more_other: "Noe er trykt i området «{{zone}}», som skal være tomt: på denne siden og {{count}} sider til.",
      hint: "Flytt teksten, logoen eller streken ut av det markerte området (slå på «Vis reserverte områder» i forhåndsvisningen).",
    },
    no_text: {
      message: "PDF-en inneholder ingen tekst, bare bilder (en skannet side?).",
      hint: "Lag PDF-en fra originaldokumentet, eller kjør tekstgjenkjenning (OCR) på skanningen.",
    },
    check_incomplete: {
      message: "PDF-en er så kompleks at ikke alle sidene rakk å bli kontrollert.",
      hint: "Leverandøren kontrollerer den på nytt; blir den avvist, forenkle PDF-en (skriv den ut til en ny PDF).",
    },
    image_huge: {
      message: `Et bilde på denne siden er svært stort (${N("width_px")} × ${N("height_px")} piksler); brevet kan bli skrevet ut sakte eller avvist.`,
      hint: "Lagre PDF-en på nytt med «reduser filstørrelse» (300 dpi er nok til trykk).",
    },
    xfa_form: {
      message: "PDF-en er et dynamisk skjema (XFA); trykkeriet kan skrive det ut tomt eller ikke i det hele tatt.",
      hint: "Fyll ut skjemaet, velg «Skriv ut til PDF» for å få en vanlig PDF, og legg til den filen.",
    },
    form_fields: {
      message: "PDF-en har skjemafelt; de skrives ut slik de er fylt ut nå.",
      hint: "Se i forhåndsvisningen: det du ser, er det som skrives ut.",
    },
    javascript: {
      message: "PDF-en inneholder JavaScript; trykkeriet overser det, så det skriptet ville vist eller endret, blir ikke skrevet ut.",
      hint: "Se i forhåndsvisningen, eller velg «Skriv ut til PDF» for å få en vanlig PDF.",
    },
    javascript_unchecked: {
      message: "PDF-en har for mye komprimert innhold til at alt kan kontrolleres for JavaScript; har den noe, overser trykkeriet det, så det skriptet ville vist eller endret, blir ikke skrevet ut.",
      hint: "Se i forhåndsvisningen, eller velg «Skriv ut til PDF» for å få en vanlig PDF.",
    },
    not_a4: {
      message: `Siden er ${MM("w_mm")} × ${MM("h_mm")} mm, ikke A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `Siden er ${MM("w_mm")} × ${MM("h_mm")} mm, ikke A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): denne siden og {{count}} side til.`,
      message_more_other: `Siden er ${MM("w_mm")} × ${MM("h_mm")} mm, ikke A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): denne siden og {{count}} sider til.`,
      hint: "Still inn papirstørrelsen A4 i programmet som laget PDF-en, og lagre den på nytt.",
    },
    landscape: {
      message: "Siden er i liggende format; brev må være stående.",
      message_more_one: "Siden er i liggende format; brev må være stående. Det gjelder også {{count}} side til.",
      message_more_other: "Siden er i liggende format; brev må være stående. Det gjelder også {{count}} sider til.",
      hint: "Snu siden til stående format og lagre PDF-en på nytt.",
    },
    fonts_not_embedded: {
      message: "Noen skrifter er ikke innebygd i PDF-en ({{fonts}}); leverandøren erstatter dem, så brevet kan se annerledes ut.",
      message_info: "Standardskrifter er ikke innebygd ({{fonts}}); trykkeriet bruker sine egne.",
      hint: "Slå på «bygg inn skrifter» (eller PDF/A) når du lagrer PDF-en.",
    },
    body_above_line: {
      message: `Teksten på side 1 begynner ${MM("mm")} mm fra toppen; uten forside forventer leverandøren at brevteksten begynner under ${MM("line_mm")} mm.`,
      hint: `Send det med forside (leverandøren legger da til en egen første side), eller flytt teksten på side 1 ned under ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "Fant ingen adresse i adressevinduet på side 1.",
      hint: `Plasser mottakerens adresse innenfor vindusområdet (${MM("x_from_mm")}–${MM("x_to_mm")} mm fra venstre, ${MM("y_from_mm")}–${MM("y_to_mm")} mm fra toppen).`,
    },
    address_unreadable: {
      message: "Adressen i vinduet har ikke noe gjenkjennelig postnummer og poststed.",
      hint: "Skriv postnummer og poststed på én linje (f.eks. «0150 Oslo») under gateadressen, med landet sist for utenlandske adresser.",
    },
    address_line_too_long: {
      message: `En adresselinje har ${N("chars")} tegn; leverandøren tar imot høyst ${N("limit")}: «{{text}}».`,
      hint: "Kort ned linjen eller del den over to linjer.",
    },
  },
  zones: {
    address_window: "Adressevindu",
    franking: "Frankerings- og maskinlesingsområde",
    left_margin: "Venstre marg (trykkeriets merker)",
  },
};

const fi: Texts = {
  findings: {
    not_a_file: {
      message: "Tämä ei ole tiedosto vaan laite, putki tai kansio; vain PDF-tiedostoja voi lähettää.",
      hint: "Tallenna kirje PDF-tiedostoksi ja lisää se tiedosto.",
    },
    file_unreadable: {
      message: "Tiedostoa ei voitu lukea.",
      hint: "Tarkista, että tiedosto on yhä olemassa ja että sinulla on oikeus avata se, ja lisää se sitten uudelleen.",
    },
    too_large: {
      message: `Tiedoston koko on ${MB("mb")} Mt; palveluntarjoaja ottaa vastaan enintään ${MB("max_mb")} Mt.`,
      hint: "Tallenna PDF uudelleen pienemmillä kuvilla (”pienennä tiedostokokoa”) tai jaa kirje osiin.",
    },
    not_pdf: {
      message: "Tämä tiedosto ei ole PDF.",
      hint: "Avaa asiakirja sen omassa ohjelmassa ja valitse ”Tallenna PDF-muodossa” tai ”Tulosta PDF:ksi”.",
    },
    check_failed: {
      message: "PDF:ää ei voitu tarkistaa.",
      hint: "Lisää tiedosto uudelleen; jos se epäonnistuu yhä, tulosta se uudeksi PDF:ksi ja lisää se tiedosto.",
    },
    check_timeout: {
      message: "PDF:ää ei voitu tarkistaa: sen lukeminen kesti liian kauan.",
      hint: "Tulosta se uudeksi PDF:ksi (”Microsoft Print to PDF” tai vastaava) ja lisää se tiedosto.",
    },
    encrypted: {
      message: "PDF on suojattu salasanalla, eikä sitä voi lähettää.",
      hint: "Tallenna tai tulosta se uudelleen PDF:ksi ilman salasanaa.",
    },
    corrupt: {
      message: "PDF on vioittunut tai käyttää ominaisuuksia, joita tarkistus ei osaa lukea.",
      hint: "Luo PDF uudelleen alkuperäisestä asiakirjasta tai tulosta se uudeksi PDF:ksi ja lisää se.",
    },
    no_pages: {
      message: "PDF:ssä ei ole sivuja.",
      hint: "Luo PDF uudelleen alkuperäisestä asiakirjasta.",
    },
    too_many_pages: {
      message: `Kirjeessä on ${N("count")} sivua; palveluntarjoaja ottaa vastaan enintään ${N("limit")}.`,
      hint: "Jaa se useammaksi kirjeeksi.",
    },
    ink_in_zone: {
      message: "Alueelle ”{{zone}}”, jonka on oltava tyhjä, on tulostettu jotain.",
      message_more_one: "Alueelle ”{{zone}}”, jonka on oltava tyhjä, on tulostettu jotain: tällä sivulla ja {{count}} muulla sivulla.",
      message_more_other: "Alueelle ”{{zone}}”, jonka on oltava tyhjä, on tulostettu jotain: tällä sivulla ja {{count}} muulla sivulla.",
      hint: "Siirrä teksti, logo tai viiva pois merkityltä alueelta (ota esikatselussa käyttöön ”Näytä varatut alueet”).",
    },
    no_text: {
      message: "PDF:ssä ei ole tekstiä, vain kuvia (skannattu?).",
      hint: "Luo PDF alkuperäisestä asiakirjasta tai aja skannaukselle tekstintunnistus (OCR).",
    },
    check_incomplete: {
      message: "PDF on niin monimutkainen, ettei kaikkia sivuja ehditty tarkistaa.",
      hint: "Palveluntarjoaja tarkistaa sen uudelleen; jos se hylätään, yksinkertaista PDF:ää (tulosta se uudeksi PDF:ksi).",
    },
    image_huge: {
      message: `Tällä sivulla on hyvin suuri kuva (${N("width_px")} × ${N("height_px")} pikseliä); kirjeen tulostus voi olla hidasta tai se voidaan hylätä.`,
      hint: "Tallenna PDF uudelleen valinnalla ”pienennä tiedostokokoa” (300 dpi riittää hyvin tulostukseen).",
    },
    xfa_form: {
      message: "PDF on dynaaminen lomake (XFA); tulostuskeskus voi tulostaa sen tyhjänä tai jättää kokonaan tulostamatta.",
      hint: "Täytä lomake, tee siitä tavallinen PDF valinnalla ”Tulosta PDF:ksi” ja lisää se tiedosto.",
    },
    form_fields: {
      message: "PDF:ssä on lomakekenttiä; ne tulostetaan sellaisina kuin ne nyt on täytetty.",
      hint: "Tarkista esikatselu: tulosteesta tulee sellainen kuin näet.",
    },
    javascript: {
      message: "PDF sisältää JavaScriptiä; tulostuskeskus ei huomioi sitä, joten mitä skripti näyttäisi tai muuttaisi, ei tulostu.",
      hint: "Tarkista esikatselu tai tee tavallinen PDF valinnalla ”Tulosta PDF:ksi”.",
    },
    javascript_unchecked: {
      message: "PDF:ssä on liikaa pakattua sisältöä, jotta kaikki voitaisiin tarkistaa JavaScriptin varalta; jos sitä on, tulostuskeskus ei huomioi sitä, joten mitä skripti näyttäisi tai muuttaisi, ei tulostu.",
      hint: "Tarkista esikatselu tai tee tavallinen PDF valinnalla ”Tulosta PDF:ksi”.",
    },
    not_a4: {
      message: `Sivun koko on ${MM("w_mm")} × ${MM("h_mm")} mm, ei A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `Sivun koko on ${MM("w_mm")} × ${MM("h_mm")} mm, ei A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): tämä sivu ja {{count}} muu sivu.`,
      message_more_other: `Sivun koko on ${MM("w_mm")} × ${MM("h_mm")} mm, ei A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): tämä sivu ja {{count}} muuta sivua.`,
      hint: "Valitse paperikooksi A4 ohjelmassa, jolla PDF tehtiin, ja tallenna se uudelleen.",
    },
    landscape: {
      message: "Sivu on vaakasuuntainen; kirjeiden on oltava pystysuuntaisia.",
      message_more_one: "Sivu on vaakasuuntainen; kirjeiden on oltava pystysuuntaisia. Sama koskee {{count}} muuta sivua.",
      message_more_other: "Sivu on vaakasuuntainen; kirjeiden on oltava pystysuuntaisia. Sama koskee {{count}} muuta sivua.",
      hint: "Käännä sivu pystysuuntaan ja tallenna PDF uudelleen.",
    },
    fonts_not_embedded: {
      message: "Osaa fonteista ei ole upotettu PDF:ään ({{fonts}}); palveluntarjoaja korvaa ne, joten kirje voi näyttää erilaiselta.",
      message_info: "Vakiofontteja ei ole upotettu ({{fonts}}); tulostuskeskus käyttää omiaan.",
      hint: "Ota PDF:ää tallentaessa käyttöön ”upota fontit” (tai PDF/A).",
    },
    body_above_line: {
      message: `Sivun 1 teksti alkaa ${MM("mm")} mm:n päästä yläreunasta; ilman kansilehteä palveluntarjoaja edellyttää, että kirjeen teksti alkaa vasta ${MM("line_mm")} mm:n alapuolelta.`,
      hint: `Lähetä kirje kansilehden kanssa (palveluntarjoaja lisää silloin oman ensimmäisen sivun) tai siirrä sivun 1 teksti ${MM("line_mm")} mm:n alapuolelle.`,
    },
    address_missing: {
      message: "Sivun 1 osoiteikkunasta ei löytynyt osoitetta.",
      hint: `Sijoita vastaanottajan osoite ikkuna-alueelle (${MM("x_from_mm")}–${MM("x_to_mm")} mm vasemmasta reunasta, ${MM("y_from_mm")}–${MM("y_to_mm")} mm yläreunasta).`,
    },
    address_unreadable: {
      message: "Ikkunan osoitteesta ei tunnistettu postinumeroa ja postitoimipaikkaa.",
      hint: "Kirjoita postinumero ja postitoimipaikka samalle riville (esim. ”00100 Helsinki”) katuosoitteen alle ja ulkomaisissa osoitteissa maa viimeiseksi.",
    },
    address_line_too_long: {
      message: `Osoiterivillä on ${N("chars")} merkkiä; palveluntarjoaja ottaa vastaan enintään ${N("limit")}: ”{{text}}”.`,
      hint: "Lyhennä riviä tai jaa se kahdelle riville.",
    },
  },
  zones: {
    address_window: "Osoiteikkuna",
    franking: "Postimaksu- ja konelukualue",
    left_margin: "Vasen marginaali (tulostuskeskuksen merkinnät)",
  },
};

const nl: Texts = {
  findings: {
    not_a_file: {
      message: "Dit is geen bestand maar een apparaat, een pipe of een map; alleen PDF-bestanden kunnen worden verstuurd.",
      hint: "Sla de brief op als PDF-bestand en voeg dat bestand toe.",
    },
    file_unreadable: {
      message: "Het bestand kon niet worden gelezen.",
      hint: "Controleer of het nog bestaat en of u het mag openen, en voeg het daarna opnieuw toe.",
    },
    too_large: {
      message: `Het bestand is ${MB("mb")} MB; de aanbieder neemt maximaal ${MB("max_mb")} MB aan.`,
      hint: "Sla de PDF opnieuw op met kleinere afbeeldingen (‘bestandsgrootte verkleinen’), of splits de brief.",
    },
    not_pdf: {
      message: "Dit bestand is geen PDF.",
      hint: "Open het document in het bijbehorende programma en kies ‘Opslaan als PDF’ of ‘Afdrukken naar PDF’.",
    },
    check_failed: {
      message: "De PDF kon niet worden gecontroleerd.",
      hint: "Voeg het bestand opnieuw toe; lukt het weer niet, druk het dan af naar een nieuwe PDF en voeg die toe.",
    },
    check_timeout: {
      message: "De PDF kon niet worden gecontroleerd: het lezen duurde te lang.",
      hint: "Druk het af naar een nieuwe PDF (‘Microsoft Print to PDF’ of iets dergelijks) en voeg dat bestand toe.",
    },
    encrypted: {
      message: "De PDF is met een wachtwoord beveiligd en kan niet worden verstuurd.",
      hint: "Sla het opnieuw op of druk het af als PDF zonder wachtwoord.",
    },
    corrupt: {
      message: "De PDF is beschadigd of gebruikt functies die de controle niet kan lezen.",
      hint: "Maak de PDF opnieuw vanuit het oorspronkelijke document, of druk hem af naar een nieuwe PDF en voeg die toe.",
    },
    no_pages: {
      message: "De PDF heeft geen pagina’s.",
      hint: "Maak de PDF opnieuw vanuit het oorspronkelijke document.",
    },
    too_many_pages: {
      message: `De brief heeft ${N("count")} pagina’s; de aanbieder neemt er maximaal ${N("limit")} aan.`,
      hint: "Splits hem op in meerdere brieven.",
    },
    ink_in_zone: {
      message: "Er staat iets gedrukt in de zone ‘{{zone}}’, die leeg moet blijven.",
      message_more_one: "Er staat iets gedrukt in de zone ‘{{zone}}’, die leeg moet blijven: op deze pagina en op {{count}} andere pagina.",
      message_more_other: "Er staat iets gedrukt in de zone ‘{{zone}}’, die leeg moet blijven: op deze pagina en op {{count}} andere pagina’s.",
      hint: "Verplaats de tekst, het logo of de lijn uit de gemarkeerde zone (zet ‘Gereserveerde zones tonen’ aan in het voorbeeld).",
    },
    no_text: {
      message: "De PDF bevat geen tekst, alleen afbeeldingen (een scan?).",
      hint: "Maak de PDF vanuit het oorspronkelijke document, of laat tekstherkenning (OCR) op de scan los.",
    },
    check_incomplete: {
      message: "De PDF is zo complex dat niet elke pagina op tijd kon worden gecontroleerd.",
      hint: "De aanbieder controleert hem nogmaals; wordt hij geweigerd, vereenvoudig dan de PDF (druk hem af naar een nieuwe PDF).",
    },
    image_huge: {
      message: `Een afbeelding op deze pagina is erg groot (${N("width_px")} × ${N("height_px")} pixels); de brief wordt mogelijk traag afgedrukt of geweigerd.`,
      hint: "Sla de PDF opnieuw op met ‘bestandsgrootte verkleinen’ (300 dpi is ruim voldoende voor drukwerk).",
    },
    xfa_form: {
      message: "De PDF is een dynamisch formulier (XFA); het printcentrum drukt het mogelijk leeg of helemaal niet af.",
      hint: "Vul het formulier in, maak er met ‘Afdrukken naar PDF’ een gewone PDF van en voeg dat bestand toe.",
    },
    form_fields: {
      message: "De PDF heeft formuliervelden; die worden afgedrukt zoals ze nu zijn ingevuld.",
      hint: "Controleer het voorbeeld: wat u ziet, wordt afgedrukt.",
    },
    javascript: {
      message: "De PDF bevat JavaScript; het printcentrum negeert dat, dus wat het script zou tonen of wijzigen, wordt niet afgedrukt.",
      hint: "Controleer het voorbeeld, of maak met ‘Afdrukken naar PDF’ een gewone PDF.",
    },
    javascript_unchecked: {
      message: "De PDF heeft te veel gecomprimeerde inhoud om alles op JavaScript te controleren; als er een script in zit, negeert het printcentrum het, dus wat het zou tonen of wijzigen, wordt niet afgedrukt.",
      hint: "Controleer het voorbeeld, of maak met ‘Afdrukken naar PDF’ een gewone PDF.",
    },
    not_a4: {
      message: `Het paginaformaat is ${MM("w_mm")} × ${MM("h_mm")} mm, geen A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `Het paginaformaat is ${MM("w_mm")} × ${MM("h_mm")} mm, geen A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): deze pagina en {{count}} andere pagina.`,
      message_more_other: `Het paginaformaat is ${MM("w_mm")} × ${MM("h_mm")} mm, geen A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm): deze pagina en {{count}} andere pagina’s.`,
      hint: "Stel in het programma waarmee de PDF is gemaakt het papierformaat A4 in en sla hem opnieuw op.",
    },
    landscape: {
      message: "De pagina staat liggend; brieven moeten staand zijn.",
      message_more_one: "De pagina staat liggend; brieven moeten staand zijn. Dat geldt ook voor {{count}} andere pagina.",
      message_more_other: "De pagina staat liggend; brieven moeten staand zijn. Dat geldt ook voor {{count}} andere pagina’s.",
      hint: "Draai de pagina naar staand en sla de PDF opnieuw op.",
    },
    fonts_not_embedded: {
      message: "Sommige lettertypen zijn niet in de PDF ingesloten ({{fonts}}); de aanbieder vervangt ze, dus de brief kan er anders uitzien.",
      message_info: "Standaardlettertypen zijn niet ingesloten ({{fonts}}); het printcentrum gebruikt zijn eigen exemplaren.",
      hint: "Zet bij het opslaan van de PDF ‘lettertypen insluiten’ (of PDF/A) aan.",
    },
    body_above_line: {
      message: `De tekst op pagina 1 begint ${MM("mm")} mm vanaf de bovenrand; zonder voorblad verwacht de aanbieder de brieftekst pas onder ${MM("line_mm")} mm.`,
      hint: `Verstuur hem met een voorblad (de aanbieder voegt dan een eigen eerste pagina toe), of zet de tekst op pagina 1 lager dan ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "In het adresvenster op pagina 1 is geen adres gevonden.",
      hint: `Zet het adres van de ontvanger binnen het venster (${MM("x_from_mm")}–${MM("x_to_mm")} mm vanaf links, ${MM("y_from_mm")}–${MM("y_to_mm")} mm vanaf boven).`,
    },
    address_unreadable: {
      message: "In het adres in het venster zijn geen postcode en plaats te herkennen.",
      hint: "Zet postcode en plaats op één regel (bijv. ‘1012 AB Amsterdam’) onder de straat, met bij buitenlandse adressen het land als laatste.",
    },
    address_line_too_long: {
      message: `Een adresregel heeft ${N("chars")} tekens; de aanbieder neemt er maximaal ${N("limit")} aan: ‘{{text}}’.`,
      hint: "Maak de regel korter of verdeel hem over twee regels.",
    },
  },
  zones: {
    address_window: "Adresvenster",
    franking: "Frankeer- en machineleeszone",
    left_margin: "Linkermarge (markeringen van het printcentrum)",
  },
};

// French has a third plural form, "many": each *_other has a *_many twin.
const fr: Texts & { findings: Record<"ink_in_zone" | "not_a4" | "landscape", { message_more_many: string }> } = {
  findings: {
    not_a_file: {
      message: "Ce n’est pas un fichier mais un périphérique, un tube ou un dossier ; seuls des fichiers PDF peuvent être envoyés.",
      hint: "Enregistrez la lettre en fichier PDF et ajoutez ce fichier.",
    },
    file_unreadable: {
      message: "Le fichier n’a pas pu être lu.",
      hint: "Vérifiez qu’il existe toujours et que vous avez le droit de l’ouvrir, puis ajoutez-le à nouveau.",
    },
    too_large: {
      message: `Le fichier fait ${MB("mb")} Mo ; le prestataire accepte au plus ${MB("max_mb")} Mo.`,
      hint: "Enregistrez à nouveau le PDF avec des images plus petites (« réduire la taille du fichier ») ou divisez la lettre.",
    },
    not_pdf: {
      message: "Ce fichier n’est pas un PDF.",
      hint: "Ouvrez le document dans son programme et choisissez « Enregistrer en PDF » ou « Imprimer en PDF ».",
    },
    check_failed: {
      message: "Le PDF n’a pas pu être vérifié.",
      hint: "Ajoutez à nouveau le fichier ; si l’échec se répète, imprimez-le dans un nouveau PDF et ajoutez celui-ci.",
    },
    check_timeout: {
      message: "Le PDF n’a pas pu être vérifié : sa lecture a pris trop de temps.",
      hint: "Imprimez-le dans un nouveau PDF (« Microsoft Print to PDF » ou équivalent) et ajoutez ce fichier à la place.",
    },
    encrypted: {
      message: "Le PDF est protégé par un mot de passe et ne peut pas être envoyé.",
      hint: "Enregistrez-le ou imprimez-le à nouveau en PDF sans mot de passe.",
    },
    corrupt: {
      message: "Le PDF est endommagé ou utilise des fonctions que la vérification ne sait pas lire.",
      hint: "Recréez le PDF à partir du document d’origine, ou imprimez-le dans un nouveau PDF et ajoutez celui-ci.",
    },
    no_pages: {
      message: "Le PDF ne contient aucune page.",
      hint: "Recréez le PDF à partir du document d’origine.",
    },
    too_many_pages: {
      message: `La lettre compte ${N("count")} pages ; le prestataire en accepte au plus ${N("limit")}.`,
      hint: "Répartissez-la sur plusieurs lettres.",
    },
    ink_in_zone: {
      message: "Quelque chose est imprimé dans la zone « {{zone}} », qui doit rester vide.",
      message_more_one: "Quelque chose est imprimé dans la zone « {{zone}} », qui doit rester vide : sur cette page et sur {{count}} autre page.",
      message_more_many: "Quelque chose est imprimé dans la zone « {{zone}} », qui doit rester vide : sur cette page et sur {{count}} autres pages.",
      message_more_other: "Quelque chose est imprimé dans la zone « {{zone}} », qui doit rester vide : sur cette page et sur {{count}} autres pages.",
      hint: "Déplacez le texte, le logo ou le trait hors de la zone marquée (activez « Afficher les zones réservées » dans l’aperçu).",
    },
    no_text: {
      message: "Le PDF ne contient pas de texte, seulement des images (une numérisation ?).",
      hint: "Créez le PDF à partir du document d’origine, ou passez la numérisation à la reconnaissance de texte (OCR).",
    },
    check_incomplete: {
      message: "Le PDF est si complexe que toutes les pages n’ont pas pu être vérifiées à temps.",
      hint: "Le prestataire le vérifie à nouveau ; s’il est refusé, simplifiez le PDF (imprimez-le dans un nouveau PDF).",
    },
    image_huge: {
      message: `Une image de cette page est très grande (${N("width_px")} × ${N("height_px")} pixels) ; la lettre risque d’être imprimée lentement ou refusée.`,
      hint: "Enregistrez à nouveau le PDF avec « réduire la taille du fichier » (300 dpi suffisent largement pour l’impression).",
    },
    xfa_form: {
      message: "Le PDF est un formulaire dynamique (XFA) ; le centre d’impression risque de l’imprimer vide ou pas du tout.",
      hint: "Remplissez le formulaire, faites « Imprimer en PDF » pour obtenir un PDF simple et ajoutez ce fichier.",
    },
    form_fields: {
      message: "Le PDF contient des champs de formulaire ; ils sont imprimés tels qu’ils sont remplis maintenant.",
      hint: "Vérifiez l’aperçu : ce que vous voyez est ce qui sera imprimé.",
    },
    javascript: {
      message: "Le PDF contient du JavaScript ; le centre d’impression l’ignore, donc ce qu’il afficherait ou modifierait n’est pas imprimé.",
      hint: "Vérifiez l’aperçu, ou faites « Imprimer en PDF » pour obtenir un PDF simple.",
    },
    javascript_unchecked: {
      message: "Le PDF contient trop de contenu compressé pour être entièrement vérifié à la recherche de JavaScript ; s’il en contient, le centre d’impression l’ignore, donc ce qu’il afficherait ou modifierait n’est pas imprimé.",
      hint: "Vérifiez l’aperçu, ou faites « Imprimer en PDF » pour obtenir un PDF simple.",
    },
    not_a4: {
      message: `La page mesure ${MM("w_mm")} × ${MM("h_mm")} mm, ce n’est pas du A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm).`,
      message_more_one: `La page mesure ${MM("w_mm")} × ${MM("h_mm")} mm, ce n’est pas du A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm) : cette page et {{count}} autre page.`,
      message_more_many: `La page mesure ${MM("w_mm")} × ${MM("h_mm")} mm, ce n’est pas du A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm) : cette page et {{count}} autres pages.`,
      message_more_other: `La page mesure ${MM("w_mm")} × ${MM("h_mm")} mm, ce n’est pas du A4 (${MM("want_w_mm")} × ${MM("want_h_mm")} mm) : cette page et {{count}} autres pages.`,
      hint: "Choisissez le format de papier A4 dans le programme qui a créé le PDF et enregistrez-le à nouveau.",
    },
    landscape: {
      message: "La page est au format paysage ; les lettres doivent être au format portrait.",
      message_more_one: "La page est au format paysage ; les lettres doivent être au format portrait. C’est aussi le cas de {{count}} autre page.",
      message_more_many: "La page est au format paysage ; les lettres doivent être au format portrait. C’est aussi le cas de {{count}} autres pages.",
      message_more_other: "La page est au format paysage ; les lettres doivent être au format portrait. C’est aussi le cas de {{count}} autres pages.",
      hint: "Tournez la page au format portrait et enregistrez à nouveau le PDF.",
    },
    fonts_not_embedded: {
      message: "Certaines polices ne sont pas incorporées au PDF ({{fonts}}) ; le prestataire les remplace, la lettre peut donc avoir un autre aspect.",
      message_info: "Des polices standard ne sont pas incorporées ({{fonts}}) ; le centre d’impression utilise les siennes.",
      hint: "Activez « incorporer les polices » (ou PDF/A) lors de l’enregistrement du PDF.",
    },
    body_above_line: {
      message: `Le texte de la page 1 commence à ${MM("mm")} mm du haut ; sans page porte-adresse, le prestataire attend que le texte de la lettre commence sous ${MM("line_mm")} mm.`,
      hint: `Envoyez-la avec une page porte-adresse (le prestataire ajoute alors sa propre première page), ou descendez le texte de la page 1 sous ${MM("line_mm")} mm.`,
    },
    address_missing: {
      message: "Aucune adresse n’a été trouvée dans la fenêtre d’adresse de la page 1.",
      hint: `Placez l’adresse du destinataire dans la zone de la fenêtre (de ${MM("x_from_mm")} à ${MM("x_to_mm")} mm du bord gauche, de ${MM("y_from_mm")} à ${MM("y_to_mm")} mm du haut).`,
    },
    address_unreadable: {
      message: "L’adresse dans la fenêtre n’a ni code postal ni localité reconnaissables.",
      hint: "Écrivez le code postal et la localité sur une ligne (p. ex. « 75001 Paris »), sous la rue, avec le pays en dernier pour une adresse à l’étranger.",
    },
    address_line_too_long: {
      message: `Une ligne d’adresse compte ${N("chars")} caractères ; le prestataire en accepte au plus ${N("limit")} : « {{text}} ».`,
      hint: "Raccourcissez la ligne ou répartissez-la sur deux lignes.",
    },
  },
  zones: {
    address_window: "Fenêtre d’adresse",
    franking: "Zone d’affranchissement et de lecture automatique",
    left_margin: "Marge gauche (repères du centre d’impression)",
  },
};

export const findingTexts: Record<Language, Texts> = { en, de, sv, nb, fi, nl, fr };
