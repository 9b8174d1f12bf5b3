//! The window in the clerk's language (#13): in German, Swedish, Norwegian,
//! Finnish, Dutch and French (English: the other e2e tests), a letter
//! with ink in the franking zone and no address shows its findings in that
//! language (worded by code in the window, not the core's English), and a letter
//! the simulator's print centre fails (a provider error code) shows that code's
//! message with the provider's own code under Details. Screenshots of the Send desk
//! with the bad letter, the pre-send dialog, the failed job's drawer and Setup in
//! each language land in artifacts/e2e/languages/.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use postdesk_pdf::sample::{self, LetterSpec};
use serde_json::json;

struct Lang {
    /// As the Settings picker names it.
    name: &'static str,
    tag: &'static str,
    /// `findings.ink_in_zone.message` with the franking zone's name, and
    /// `findings.address_missing.message` (ui/src/i18n/codes/findings.ts).
    ink_in_franking: &'static str,
    no_address: &'static str,
    /// The print centre's code the simulator fails the letter with, and
    /// `errorCodes.epost_<code>` (ui/src/i18n/codes/provider.ts).
    provider_code: &'static str,
    provider_message: &'static str,
    /// Sends its own failing letter; otherwise the pre-send dialog is opened and
    /// closed, and the drawer shows the job an earlier language's run failed with
    /// the same code (worded anew in this language), which keeps the run short.
    sends: bool,
}

const GERMAN: Lang = Lang {
    name: "Deutsch",
    tag: "de",
    ink_in_franking: "Im Bereich „Frankier- und Codierzone“, der frei bleiben muss, ist etwas gedruckt.",
    no_address: "Im Adressfenster auf Seite 1 wurde keine Anschrift gefunden.",
    provider_code: "E612",
    provider_message: "Das Druckzentrum hat im Adressfenster keine Empfängeranschrift gefunden.",
    sends: true,
};

const SWEDISH: Lang = Lang {
    name: "Svenska",
    tag: "sv",
    ink_in_franking: "Något är tryckt i ytan ”Frankerings- och maskinläsningsyta”, som måste vara tom.",
    no_address: "Ingen adress hittades i adressfönstret på sida 1.",
    provider_code: "E613",
    provider_message: "Tryckeriet hittade inget giltigt postnummer i adressen.",
    sends: true,
};

const NORWEGIAN: Lang = Lang {
    name: "Norsk bokmål",
    tag: "nb",
    ink_in_franking: "Noe er trykt i området «Frankerings- og maskinlesingsområde», som skal være tomt.",
    no_address: "Fant ingen adresse i adressevinduet på side 1.",
    provider_code: "E612",
    provider_message: "Trykkeriet fant ingen mottakeradresse i adressevinduet.",
    sends: false,
};

const FINNISH: Lang = Lang {
    name: "Suomi",
    tag: "fi",
    ink_in_franking: "Alueelle ”Postimaksu- ja konelukualue”, jonka on oltava tyhjä, on tulostettu jotain.",
    no_address: "Sivun 1 osoiteikkunasta ei löytynyt osoitetta.",
    provider_code: "E613",
    provider_message: "Tulostuskeskus ei löytänyt osoitteesta kelvollista postinumeroa.",
    sends: false,
};

const DUTCH: Lang = Lang {
    name: "Nederlands",
    tag: "nl",
    ink_in_franking: "Er staat iets gedrukt in de zone ‘Frankeer- en machineleeszone’, die leeg moet blijven.",
    no_address: "In het adresvenster op pagina 1 is geen adres gevonden.",
    provider_code: "E612",
    provider_message: "Het printcentrum heeft geen adres van de ontvanger in het adresvenster gevonden.",
    sends: false,
};

const FRENCH: Lang = Lang {
    name: "Français",
    tag: "fr",
    ink_in_franking: "Quelque chose est imprimé dans la zone « Zone d’affranchissement et de lecture automatique », qui doit rester vide.",
    no_address: "Aucune adresse n’a été trouvée dans la fenêtre d’adresse de la page 1.",
    provider_code: "E613",
    provider_message: "Le centre d’impression n’a trouvé aucun code postal valide dans l’adresse.",
    sends: false,
};

async fn wait_text(app: &App, what: &str, text: &str) -> anyhow::Result<()> {
    app.wait_until(what, SHORT, || async { Ok(app.body_text().await?.contains(text).then_some(())) })
        .await
        .map_err(|e| e.context(format!("waiting for “{text}”")))
}

async fn drafts(app: &App) -> anyhow::Result<Vec<serde_json::Value>> {
    Ok(app.invoke("list_drafts", json!({})).await?.as_array().cloned().unwrap_or_default())
}

async fn clear_desk(app: &App) -> anyhow::Result<()> {
    for d in drafts(app).await? {
        app.invoke("remove_draft", json!({ "id": d["id"] })).await?;
    }
    app.wait_until("the desk is empty", SHORT, || async {
        let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
        Ok((n == json!(0)).then_some(()))
    })
    .await
}

async fn in_language(app: &App, l: &Lang) -> anyhow::Result<()> {
    let t = l.tag;
    app.click(&testid("nav-settings")).await?;
    app.pick_option("settings-language", l.name).await?;
    app.wait_until("the window's language", SHORT, || async {
        Ok((app.execute("return document.documentElement.lang;", vec![]).await? == json!(t)).then_some(()))
    })
    .await?;

    // A bad letter: ink in the franking zone and nothing in the address window.
    app.click(&testid("nav-send")).await?;
    app.wait_for_testid("dropzone", SHORT).await?;
    clear_desk(app).await?;
    let bad = app.data_dir().parent().unwrap().join(format!("Brief-{t}.pdf"));
    let spec = LetterSpec { recipient: vec![], sender_line: None, ink_in_franking: true, body: vec![format!("Text {t}")], ..Default::default() };
    std::fs::write(&bad, sample::letter(&spec))?;
    app.drop_until_row(&bad).await?;
    wait_text(app, "the franking finding", l.ink_in_franking).await?;
    wait_text(app, "the address finding", l.no_address).await?;
    let text = app.body_text().await?;
    ensure!(!text.contains("Something is printed") && !text.contains("No address was found"), "no English finding: {text}");
    app.screenshot(&format!("{t}-01-send-desk-bad-letter")).await?;
    clear_desk(app).await?;

    // A letter the print centre fails with a provider code (the simulator fails a
    // letter whose file name says `sim-fail-<code>`); a language that does not
    // send opens the job of the run that sent one with the same code.
    let sender = if l.sends { t } else if l.provider_code == GERMAN.provider_code { GERMAN.tag } else { SWEDISH.tag };
    let failing = app.data_dir().parent().unwrap().join(format!("Rechnung-{sender}-sim-fail-{}.pdf", l.provider_code));
    let dropped = if l.sends { failing.clone() } else { app.data_dir().parent().unwrap().join(format!("Rechnung-{t}.pdf")) };
    let spec = LetterSpec { body: vec![format!("Rechnung {t}")], ..Default::default() };
    std::fs::write(&dropped, sample::letter(&spec))?;
    app.drop_until_row(&dropped).await?;
    app.js_click("send-button").await?;
    app.wait_for_testid("dialog-send", SHORT).await?;
    // The dialog fades in: the screenshot after the transition.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.screenshot(&format!("{t}-02-pre-send-dialog")).await?;
    if l.sends {
        app.js_click("dialog-send").await?;
    } else {
        app.js_click("dialog-cancel").await?;
        clear_desk(app).await?;
    }
    app.wait_until("the desk is empty", SHORT, || async {
        let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
        Ok((n == json!(0)).then_some(()))
    })
    .await?;

    app.click(&testid("nav-jobs")).await?;
    let file = failing.file_name().unwrap().to_string_lossy().to_string();
    let find_row = format!(
        "return [...document.querySelectorAll('[data-testid=job-row]')].find(r => r.innerText.includes({}))",
        json!(file)
    );
    app.wait_until("the letter fails at the print centre", LONG, || async {
        let s = app.execute(&format!("{find_row}?.querySelector('[data-testid=job-status]')?.getAttribute('data-state') ?? null;"), vec![]).await?;
        Ok((s == json!("failed")).then_some(()))
    })
    .await?;
    app.execute(&format!("{find_row}.click();"), vec![]).await?;
    app.wait_for("[role=dialog] [data-testid=error-notice]", SHORT).await?;
    wait_text(app, "the provider's error in the clerk's language", l.provider_message).await?;
    let notice = app.text("[role=dialog] [data-testid=error-message]").await?;
    ensure!(notice.contains(l.provider_message), "worded by the provider's code: {notice}");
    ensure!(!notice.contains("No recipient address") && !notice.contains(l.provider_code), "no provider English in the sentence: {notice}");
    // Details: our code and the provider's own code and text.
    app.execute("document.querySelector('[role=dialog] [data-testid=error-notice] button[aria-expanded]').click();", vec![]).await?;
    app.wait_until("the provider's code under Details", SHORT, || async {
        let t = app.text("[role=dialog] [data-testid=error-notice]").await?;
        Ok((t.contains(l.provider_code) && t.contains("provider_letter_error")).then_some(()))
    })
    .await?;
    app.screenshot(&format!("{t}-03-failed-job-drawer")).await?;
    app.execute("document.querySelector('[role=dialog] .mantine-CloseButton-root')?.click();", vec![]).await?;
    app.wait_until("the drawer closed", SHORT, || async {
        Ok((app.execute("return document.querySelector('[role=dialog]') === null;", vec![]).await? == json!(true)).then_some(()))
    })
    .await?;
    // The job list itself: the search field's placeholder in the language.
    app.screenshot(&format!("{t}-05-jobs")).await?;

    app.click(&testid("nav-setup")).await?;
    app.wait_for_testid("setup-save", SHORT).await?;
    app.screenshot(&format!("{t}-04-setup")).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_and_provider_errors_in_every_language() -> anyhow::Result<()> {
    with_app("languages", async |app| {
        // The pre-send dialog on, so it can be seen in each language.
        app.save_setup_switches(&[("setup-show-dialog", true)]).await?;

        for l in [&GERMAN, &SWEDISH, &NORWEGIAN, &FINNISH, &DUTCH, &FRENCH] {
            in_language(app, l).await?;
        }
        Ok(())
    })
    .await
}
