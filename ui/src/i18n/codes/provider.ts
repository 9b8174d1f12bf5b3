/** The window's languages (as in `index.ts`; a type of its own so the two files do not depend on each other). */
type Language = "en" | "de" | "sv" | "nb" | "fi" | "nl" | "fr";

/**
 * Provider errors worded for the clerk, per language, merged into `errorCodes`:
 * the kinds every provider's failure falls into (`provider_error` in
 * `core/src/error.rs`, `provider_letter_error` in `outbox.rs`), and E-POST's own
 * codes as `epost_<code>` (those the simulator and the E-POST documentation name).
 * The provider's code and text are shown under Details, so texts have no placeholders.
 */
const en = {
  provider_auth: "The provider did not accept the account’s access data. Check the account in Setup and enter the password or key again.",
  provider_busy: "The provider asked Postdesk to slow down. Postdesk will try again by itself.",
  provider_rejected: "The provider refused the letter. The provider’s reason is under Details.",
  provider_timeout: "The provider did not answer in time. Postdesk will try again by itself.",
  provider_unreachable: "The provider cannot be reached. Check the internet connection; Postdesk will try again by itself.",
  provider_unavailable: "The provider has a temporary problem. Postdesk will try again by itself.",
  provider_protocol: "The provider answered in a way Postdesk does not understand. Copy the details for support.",
  provider_letter_error: "The print centre could not process the letter. The provider’s reason is under Details.",
  epost_E104: "The provider did not accept the postal code. Check the recipient’s postal code and send the letter again.",
  epost_E111: "The PDF is too large for the provider. Make the file smaller and send it again.",
  epost_E112: "The provider did not accept the file as a PDF. Save the letter as a PDF again and send it again.",
  epost_E114: "The letter has more pages than the provider takes. Split it into several letters.",
  epost_E120: "Double-sided printing and registered mail cannot be combined. Switch one of them off and send again.",
  epost_E121: "Registered letters can only go to addresses in Germany. Switch off registered mail for this letter.",
  epost_E130: "The provider already has this letter from the last hour, so it was not sent twice.",
  epost_E612: "The print centre found no recipient address in the address window. Move the address into the window area and send the letter again.",
  epost_E613: "The print centre found no valid postal code in the address. Check the postal code and town and send the letter again.",
  epost_E614: "The print centre found no text in the PDF (a scan?). Create the PDF from the original document and send it again.",
};

type Texts = typeof en;

const de: Texts = {
  provider_auth: "Der Anbieter hat die Zugangsdaten des Kontos nicht angenommen. Prüfen Sie das Konto unter Einrichtung und geben Sie Passwort oder Schlüssel erneut ein.",
  provider_busy: "Der Anbieter hat Postdesk gebeten, langsamer zu senden. Postdesk versucht es von selbst erneut.",
  provider_rejected: "Der Anbieter hat den Brief abgelehnt. Den Grund des Anbieters finden Sie unter Details.",
  provider_timeout: "Der Anbieter hat nicht rechtzeitig geantwortet. Postdesk versucht es von selbst erneut.",
  provider_unreachable: "Der Anbieter ist nicht erreichbar. Prüfen Sie die Internetverbindung; Postdesk versucht es von selbst erneut.",
  provider_unavailable: "Der Anbieter hat ein vorübergehendes Problem. Postdesk versucht es von selbst erneut.",
  provider_protocol: "Der Anbieter hat unverständlich geantwortet. Kopieren Sie die Details für den Support.",
  provider_letter_error: "Das Druckzentrum konnte den Brief nicht verarbeiten. Den Grund des Anbieters finden Sie unter Details.",
  epost_E104: "Der Anbieter hat die Postleitzahl nicht angenommen. Prüfen Sie die Postleitzahl des Empfängers und senden Sie den Brief erneut.",
  epost_E111: "Das PDF ist für den Anbieter zu groß. Verkleinern Sie die Datei und senden Sie sie erneut.",
  epost_E112: "Der Anbieter hat die Datei nicht als PDF angenommen. Speichern Sie den Brief erneut als PDF und senden Sie ihn noch einmal.",
  epost_E114: "Der Brief hat mehr Seiten, als der Anbieter annimmt. Teilen Sie ihn auf mehrere Briefe auf.",
  epost_E120: "Beidseitiger Druck und Einschreiben lassen sich nicht kombinieren. Schalten Sie eines davon aus und senden Sie erneut.",
  epost_E121: "Einschreiben gehen nur an Anschriften in Deutschland. Schalten Sie das Einschreiben für diesen Brief aus.",
  epost_E130: "Der Anbieter hat diesen Brief in der letzten Stunde schon erhalten; er wurde deshalb nicht doppelt gesendet.",
  epost_E612: "Das Druckzentrum hat im Adressfenster keine Empfängeranschrift gefunden. Setzen Sie die Anschrift in den Fensterbereich und senden Sie den Brief erneut.",
  epost_E613: "Das Druckzentrum hat in der Anschrift keine gültige Postleitzahl gefunden. Prüfen Sie Postleitzahl und Ort und senden Sie den Brief erneut.",
  epost_E614: "Das Druckzentrum hat im PDF keinen Text gefunden (ein Scan?). Erstellen Sie das PDF aus dem Originaldokument und senden Sie es erneut.",
};

const sv: Texts = {
  provider_auth: "Leverantören godtog inte kontots inloggningsuppgifter. Kontrollera kontot under Konfiguration och ange lösenordet eller nyckeln igen.",
  provider_busy: "Leverantören bad Postdesk att skicka långsammare. Postdesk försöker igen av sig själv.",
  provider_rejected: "Leverantören avvisade brevet. Leverantörens orsak finns under Detaljer.",
  provider_timeout: "Leverantören svarade inte i tid. Postdesk försöker igen av sig själv.",
  provider_unreachable: "Det går inte att nå leverantören. Kontrollera internetanslutningen; Postdesk försöker igen av sig själv.",
  provider_unavailable: "Leverantören har ett tillfälligt problem. Postdesk försöker igen av sig själv.",
  provider_protocol: "Leverantören svarade på ett sätt som Postdesk inte förstår. Kopiera detaljerna till supporten.",
  provider_letter_error: "Tryckeriet kunde inte behandla brevet. Leverantörens orsak finns under Detaljer.",
  epost_E104: "Leverantören godtog inte postnumret. Kontrollera mottagarens postnummer och skicka brevet igen.",
  epost_E111: "PDF:en är för stor för leverantören. Gör filen mindre och skicka den igen.",
  epost_E112: "Leverantören godtog inte filen som PDF. Spara brevet som PDF igen och skicka det på nytt.",
  epost_E114: "Brevet har fler sidor än leverantören tar emot. Dela upp det i flera brev.",
  epost_E120: "Dubbelsidig utskrift och rekommenderat brev går inte att kombinera. Stäng av det ena och skicka igen.",
  epost_E121: "Rekommenderade brev kan bara skickas till adresser i Tyskland. Stäng av rekommenderat för det här brevet.",
  epost_E130: "Leverantören har redan fått det här brevet under den senaste timmen, så det skickades inte två gånger.",
  epost_E612: "Tryckeriet hittade ingen mottagaradress i adressfönstret. Flytta adressen till fönsterytan och skicka brevet igen.",
  epost_E613: "Tryckeriet hittade inget giltigt postnummer i adressen. Kontrollera postnummer och ort och skicka brevet igen.",
  epost_E614: "Tryckeriet hittade ingen text i PDF:en (en inskannad sida?). Skapa PDF:en från originaldokumentet och skicka den igen.",
};

const nb: Texts = {
  provider_auth: "Leverandøren godtok ikke tilgangsopplysningene til kontoen. Kontroller kontoen under Oppsett og skriv inn passordet eller nøkkelen på nytt.",
  provider_busy: "Leverandøren ba Postdesk om å sende saktere. Postdesk prøver igjen av seg selv.",
  provider_rejected: "Leverandøren avviste brevet. Leverandørens begrunnelse står under Detaljer.",
  provider_timeout: "Leverandøren svarte ikke i tide. Postdesk prøver igjen av seg selv.",
  provider_unreachable: "Leverandøren kan ikke nås. Kontroller internettforbindelsen; Postdesk prøver igjen av seg selv.",
  provider_unavailable: "Leverandøren har et midlertidig problem. Postdesk prøver igjen av seg selv.",
  provider_protocol: "Leverandøren svarte på en måte Postdesk ikke forstår. Kopier detaljene til brukerstøtten.",
  provider_letter_error: "Trykkeriet kunne ikke behandle brevet. Leverandørens begrunnelse står under Detaljer.",
  epost_E104: "Leverandøren godtok ikke postnummeret. Kontroller mottakerens postnummer og send brevet på nytt.",
  epost_E111: "PDF-en er for stor for leverandøren. Gjør filen mindre og send den på nytt.",
  epost_E112: "Leverandøren godtok ikke filen som PDF. Lagre brevet som PDF på nytt og send det igjen.",
  epost_E114: "Brevet har flere sider enn leverandøren tar imot. Del det opp i flere brev.",
  epost_E120: "Tosidig utskrift og rekommandert brev kan ikke kombineres. Slå av det ene og send på nytt.",
  epost_E121: "Rekommanderte brev kan bare sendes til adresser i Tyskland. Slå av rekommandert for dette brevet.",
  epost_E130: "Leverandøren har allerede fått dette brevet den siste timen, så det ble ikke sendt to ganger.",
  epost_E612: "Trykkeriet fant ingen mottakeradresse i adressevinduet. Flytt adressen inn i vindusområdet og send brevet på nytt.",
  epost_E613: "Trykkeriet fant ikke noe gyldig postnummer i adressen. Kontroller postnummer og poststed og send brevet på nytt.",
  epost_E614: "Trykkeriet fant ingen tekst i PDF-en (en skannet side?). Lag PDF-en fra originaldokumentet og send den på nytt.",
};

const fi: Texts = {
  provider_auth: "Palveluntarjoaja ei hyväksynyt tilin tunnistetietoja. Tarkista tili kohdassa Määritykset ja anna salasana tai avain uudelleen.",
  provider_busy: "Palveluntarjoaja pyysi Postdeskia lähettämään hitaammin. Postdesk yrittää uudelleen itsestään.",
  provider_rejected: "Palveluntarjoaja hylkäsi kirjeen. Palveluntarjoajan syy näkyy kohdassa Tiedot.",
  provider_timeout: "Palveluntarjoaja ei vastannut ajoissa. Postdesk yrittää uudelleen itsestään.",
  provider_unreachable: "Palveluntarjoajaan ei saada yhteyttä. Tarkista internetyhteys; Postdesk yrittää uudelleen itsestään.",
  provider_unavailable: "Palveluntarjoajalla on tilapäinen ongelma. Postdesk yrittää uudelleen itsestään.",
  provider_protocol: "Palveluntarjoaja vastasi tavalla, jota Postdesk ei ymmärrä. Kopioi tiedot tukea varten.",
  provider_letter_error: "Tulostuskeskus ei pystynyt käsittelemään kirjettä. Palveluntarjoajan syy näkyy kohdassa Tiedot.",
  epost_E104: "Palveluntarjoaja ei hyväksynyt postinumeroa. Tarkista vastaanottajan postinumero ja lähetä kirje uudelleen.",
  epost_E111: "PDF on palveluntarjoajalle liian suuri. Pienennä tiedostoa ja lähetä se uudelleen.",
  epost_E112: "Palveluntarjoaja ei hyväksynyt tiedostoa PDF:nä. Tallenna kirje uudelleen PDF:ksi ja lähetä se uudelleen.",
  epost_E114: "Kirjeessä on enemmän sivuja kuin palveluntarjoaja ottaa vastaan. Jaa se useammaksi kirjeeksi.",
  epost_E120: "Kaksipuolista tulostusta ja kirjattua kirjettä ei voi yhdistää. Poista toinen käytöstä ja lähetä uudelleen.",
  epost_E121: "Kirjatun kirjeen voi lähettää vain saksalaiseen osoitteeseen. Poista kirjattu kirje käytöstä tältä kirjeeltä.",
  epost_E130: "Palveluntarjoaja on jo saanut tämän kirjeen viimeisen tunnin aikana, joten sitä ei lähetetty kahdesti.",
  epost_E612: "Tulostuskeskus ei löytänyt vastaanottajan osoitetta osoiteikkunasta. Siirrä osoite ikkuna-alueelle ja lähetä kirje uudelleen.",
  epost_E613: "Tulostuskeskus ei löytänyt osoitteesta kelvollista postinumeroa. Tarkista postinumero ja postitoimipaikka ja lähetä kirje uudelleen.",
  epost_E614: "Tulostuskeskus ei löytänyt PDF:stä tekstiä (skannattu?). Luo PDF alkuperäisestä asiakirjasta ja lähetä se uudelleen.",
};

const nl: Texts = {
  provider_auth: "De aanbieder heeft de toegangsgegevens van het account niet geaccepteerd. Controleer het account onder Configuratie en voer het wachtwoord of de sleutel opnieuw in.",
  provider_busy: "De aanbieder heeft Postdesk gevraagd langzamer te versturen. Postdesk probeert het vanzelf opnieuw.",
  provider_rejected: "De aanbieder heeft de brief geweigerd. De reden van de aanbieder staat onder Details.",
  provider_timeout: "De aanbieder heeft niet op tijd geantwoord. Postdesk probeert het vanzelf opnieuw.",
  provider_unreachable: "De aanbieder is niet bereikbaar. Controleer de internetverbinding; Postdesk probeert het vanzelf opnieuw.",
  provider_unavailable: "De aanbieder heeft een tijdelijk probleem. Postdesk probeert het vanzelf opnieuw.",
  provider_protocol: "De aanbieder antwoordde op een manier die Postdesk niet begrijpt. Kopieer de details voor support.",
  provider_letter_error: "Het printcentrum kon de brief niet verwerken. De reden van de aanbieder staat onder Details.",
  epost_E104: "De aanbieder heeft de postcode niet geaccepteerd. Controleer de postcode van de ontvanger en verstuur de brief opnieuw.",
  epost_E111: "De PDF is te groot voor de aanbieder. Maak het bestand kleiner en verstuur het opnieuw.",
  epost_E112: "De aanbieder heeft het bestand niet als PDF geaccepteerd. Sla de brief opnieuw op als PDF en verstuur hem nogmaals.",
  epost_E114: "De brief heeft meer pagina’s dan de aanbieder aanneemt. Splits hem op in meerdere brieven.",
  epost_E120: "Dubbelzijdig afdrukken en aangetekend versturen gaan niet samen. Zet een van beide uit en verstuur opnieuw.",
  epost_E121: "Aangetekende brieven kunnen alleen naar adressen in Duitsland. Zet aangetekend uit voor deze brief.",
  epost_E130: "De aanbieder heeft deze brief het afgelopen uur al ontvangen, dus hij is niet twee keer verstuurd.",
  epost_E612: "Het printcentrum heeft geen adres van de ontvanger in het adresvenster gevonden. Zet het adres binnen het venster en verstuur de brief opnieuw.",
  epost_E613: "Het printcentrum heeft geen geldige postcode in het adres gevonden. Controleer postcode en plaats en verstuur de brief opnieuw.",
  epost_E614: "Het printcentrum heeft geen tekst in de PDF gevonden (een scan?). Maak de PDF vanuit het oorspronkelijke document en verstuur hem opnieuw.",
};

const fr: Texts = {
  provider_auth: "Le prestataire n’a pas accepté les identifiants du compte. Vérifiez le compte dans Configuration et saisissez à nouveau le mot de passe ou la clé.",
  provider_busy: "Le prestataire a demandé à Postdesk de ralentir. Postdesk réessaiera de lui-même.",
  provider_rejected: "Le prestataire a refusé la lettre. Le motif du prestataire figure dans Détails.",
  provider_timeout: "Le prestataire n’a pas répondu à temps. Postdesk réessaiera de lui-même.",
  provider_unreachable: "Le prestataire est injoignable. Vérifiez la connexion Internet ; Postdesk réessaiera de lui-même.",
  provider_unavailable: "Le prestataire rencontre un problème temporaire. Postdesk réessaiera de lui-même.",
  provider_protocol: "Le prestataire a répondu d’une manière que Postdesk ne comprend pas. Copiez les détails pour le support.",
  provider_letter_error: "Le centre d’impression n’a pas pu traiter la lettre. Le motif du prestataire figure dans Détails.",
  epost_E104: "Le prestataire n’a pas accepté le code postal. Vérifiez le code postal du destinataire et renvoyez la lettre.",
  epost_E111: "Le PDF est trop volumineux pour le prestataire. Réduisez la taille du fichier et renvoyez-le.",
  epost_E112: "Le prestataire n’a pas accepté le fichier comme PDF. Enregistrez à nouveau la lettre en PDF et renvoyez-la.",
  epost_E114: "La lettre compte plus de pages que le prestataire n’en accepte. Répartissez-la sur plusieurs lettres.",
  epost_E120: "L’impression recto verso et la lettre recommandée ne peuvent pas être combinées. Désactivez l’une des deux et renvoyez.",
  epost_E121: "Les lettres recommandées ne peuvent être envoyées qu’à des adresses en Allemagne. Désactivez le recommandé pour cette lettre.",
  epost_E130: "Le prestataire a déjà reçu cette lettre au cours de la dernière heure ; elle n’a donc pas été envoyée deux fois.",
  epost_E612: "Le centre d’impression n’a trouvé aucune adresse de destinataire dans la fenêtre d’adresse. Placez l’adresse dans la zone de la fenêtre et renvoyez la lettre.",
  epost_E613: "Le centre d’impression n’a trouvé aucun code postal valide dans l’adresse. Vérifiez le code postal et la localité et renvoyez la lettre.",
  epost_E614: "Le centre d’impression n’a trouvé aucun texte dans le PDF (une numérisation ?). Créez le PDF à partir du document d’origine et renvoyez-le.",
};

export const providerCodes: Record<Language, Texts> = { en, de, sv, nb, fi, nl, fr };
