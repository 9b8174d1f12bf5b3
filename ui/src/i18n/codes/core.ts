/** The window's languages (as in `index.ts`; a type of its own so the two files do not depend on each other). */
type Language = "en" | "de" | "sv" | "nb" | "fi" | "nl" | "fr";

/**
 * The core's kinds of failure worded for the clerk, per language, merged into
 * `errorCodes` (one per `CoreError` variant, `core/src/error.rs`; the codes are in
 * `bindings/error-codes.json`, and `errorCodes.test.ts` holds the two together).
 * The technical detail is under Details, so texts have no placeholders.
 */
const en = {
  store: "Postdesk could not read or write its database. Nothing was sent; try again, and if it keeps failing, copy the details for support.",
  not_found: "That item no longer exists. Refresh the list.",
  keychain: "The system keychain is not available, so Postdesk cannot read or store the account’s password and secret. Unlock your keychain (log in to the desktop) and try again.",
  file: "The file could not be read. Check that it still exists and that you may open it.",
  disk_full: "The disk is full, so Postdesk could not save its copy of the letter. Nothing is lost: the letter waits in the outbox and is sent by itself once there is room. Free some disk space.",
  db_locked: "Postdesk’s data is in use by another program — most likely Postdesk is already open in another window, or a backup tool is copying the data. Close the other window (or wait for the backup), then try again.",
  db_corrupt: "Postdesk’s database file is damaged and cannot be read. Postdesk can put it aside (it is kept, not deleted) and restore the most recent automatic backup, or start with an empty database.",
  pdf: "The PDF could not be checked. Add the file again; if it keeps failing, copy the details for support.",
  invalid: "Postdesk could not do this with what was entered. The details say what was missing or wrong.",
  sandbox: "The built-in sandbox could not start. Restart Postdesk.",
};

type Texts = typeof en;

const de: Texts = {
  store: "Postdesk konnte seine Datenbank nicht lesen oder schreiben. Es wurde nichts gesendet; versuchen Sie es erneut und kopieren Sie die Details für den Support, wenn es weiter fehlschlägt.",
  not_found: "Diesen Eintrag gibt es nicht mehr. Aktualisieren Sie die Liste.",
  keychain: "Der Schlüsselbund des Systems ist nicht verfügbar, daher kann Postdesk Passwort und Geheimnis des Kontos weder lesen noch speichern. Entsperren Sie den Schlüsselbund (am Desktop anmelden) und versuchen Sie es erneut.",
  file: "Die Datei konnte nicht gelesen werden. Prüfen Sie, ob es sie noch gibt und ob Sie sie öffnen dürfen.",
  disk_full: "Der Datenträger ist voll, daher konnte Postdesk seine Kopie des Briefs nicht speichern. Es geht nichts verloren: Der Brief wartet im Postausgang und wird von selbst gesendet, sobald wieder Platz ist. Schaffen Sie etwas Speicherplatz.",
  db_locked: "Die Daten von Postdesk werden von einem anderen Programm benutzt – meist ist Postdesk schon in einem anderen Fenster geöffnet oder ein Sicherungsprogramm kopiert die Daten. Schließen Sie das andere Fenster (oder warten Sie die Sicherung ab) und versuchen Sie es erneut.",
  db_corrupt: "Die Datenbankdatei von Postdesk ist beschädigt und kann nicht gelesen werden. Postdesk kann sie beiseitelegen (sie bleibt erhalten) und die letzte automatische Sicherung wiederherstellen oder mit einer leeren Datenbank beginnen.",
  pdf: "Das PDF konnte nicht geprüft werden. Fügen Sie die Datei erneut hinzu; klappt es weiter nicht, kopieren Sie die Details für den Support.",
  invalid: "Mit diesen Angaben konnte Postdesk das nicht ausführen. In den Details steht, was fehlte oder nicht stimmte.",
  sandbox: "Die eingebaute Sandbox konnte nicht starten. Starten Sie Postdesk neu.",
};

const sv: Texts = {
  store: "Postdesk kunde inte läsa eller skriva sin databas. Inget skickades; försök igen, och kopiera detaljerna till supporten om det fortsätter att misslyckas.",
  not_found: "Det här finns inte längre. Uppdatera listan.",
  keychain: "Systemets nyckelring är inte tillgänglig, så Postdesk kan inte läsa eller spara kontots lösenord och hemliga nyckel. Lås upp nyckelringen (logga in på skrivbordet) och försök igen.",
  file: "Filen kunde inte läsas. Kontrollera att den fortfarande finns och att du har behörighet att öppna den.",
  disk_full: "Disken är full, så Postdesk kunde inte spara sin kopia av brevet. Inget går förlorat: brevet väntar i utkorgen och skickas av sig självt när det finns plats. Frigör lite diskutrymme.",
  db_locked: "Postdesks data används av ett annat program – troligen är Postdesk redan öppet i ett annat fönster, eller så kopierar ett säkerhetskopieringsprogram datan. Stäng det andra fönstret (eller vänta på säkerhetskopian) och försök igen.",
  db_corrupt: "Postdesks databasfil är skadad och kan inte läsas. Postdesk kan lägga den åt sidan (den sparas, raderas inte) och återställa den senaste automatiska säkerhetskopian, eller börja med en tom databas.",
  pdf: "PDF:en kunde inte kontrolleras. Lägg till filen igen; om det fortsätter att misslyckas, kopiera detaljerna till supporten.",
  invalid: "Postdesk kunde inte göra detta med de uppgifter som angavs. Detaljerna visar vad som saknades eller var fel.",
  sandbox: "Den inbyggda sandlådan kunde inte starta. Starta om Postdesk.",
};

const nb: Texts = {
  store: "Postdesk kunne ikke lese eller skrive databasen sin. Ingenting ble sendt; prøv igjen, og kopier detaljene til brukerstøtten hvis det fortsatt mislykkes.",
  not_found: "Dette finnes ikke lenger. Oppdater listen.",
  keychain: "Systemets nøkkelring er ikke tilgjengelig, så Postdesk kan ikke lese eller lagre kontoens passord og hemmelige nøkkel. Lås opp nøkkelringen (logg inn på skrivebordet) og prøv igjen.",
  file: "Filen kunne ikke leses. Kontroller at den fortsatt finnes og at du har tilgang til å åpne den.",
  disk_full: "Disken er full, så Postdesk kunne ikke lagre sin kopi av brevet. Ingenting går tapt: brevet venter i utboksen og sendes av seg selv når det er plass. Frigjør litt diskplass.",
  db_locked: "Postdesk-dataene brukes av et annet program – mest sannsynlig er Postdesk allerede åpent i et annet vindu, eller et sikkerhetskopiprogram kopierer dataene. Lukk det andre vinduet (eller vent på sikkerhetskopien) og prøv igjen.",
  db_corrupt: "Databasefilen til Postdesk er skadet og kan ikke leses. Postdesk kan legge den til side (den beholdes, slettes ikke) og gjenopprette den nyeste automatiske sikkerhetskopien, eller starte med en tom database.",
  pdf: "PDF-en kunne ikke kontrolleres. Legg til filen på nytt; mislykkes det fortsatt, kopier detaljene til brukerstøtten.",
  invalid: "Postdesk kunne ikke gjøre dette med opplysningene som ble gitt. Detaljene viser hva som manglet eller var feil.",
  sandbox: "Den innebygde sandkassen kunne ikke starte. Start Postdesk på nytt.",
};

const fi: Texts = {
  store: "Postdesk ei voinut lukea tai kirjoittaa tietokantaansa. Mitään ei lähetetty; yritä uudelleen, ja jos virhe toistuu, kopioi tiedot tukea varten.",
  not_found: "Tätä kohdetta ei ole enää. Päivitä luettelo.",
  keychain: "Järjestelmän avainnippu ei ole käytettävissä, joten Postdesk ei voi lukea eikä tallentaa tilin salasanaa ja salaista avainta. Avaa avainnippu (kirjaudu työpöydälle) ja yritä uudelleen.",
  file: "Tiedostoa ei voitu lukea. Tarkista, että tiedosto on yhä olemassa ja että sinulla on oikeus avata se.",
  disk_full: "Levy on täynnä, joten Postdesk ei voinut tallentaa kopiotaan kirjeestä. Mitään ei menetetä: kirje odottaa lähtevissä ja lähtee itsestään, kun tilaa on taas. Vapauta levytilaa.",
  db_locked: "Postdeskin tiedot ovat toisen ohjelman käytössä – todennäköisesti Postdesk on jo auki toisessa ikkunassa tai varmuuskopio-ohjelma kopioi tietoja. Sulje toinen ikkuna (tai odota varmuuskopion valmistumista) ja yritä uudelleen.",
  db_corrupt: "Postdeskin tietokantatiedosto on vioittunut, eikä sitä voi lukea. Postdesk voi siirtää sen sivuun (sitä ei poisteta) ja palauttaa viimeisimmän automaattisen varmuuskopion tai aloittaa tyhjällä tietokannalla.",
  pdf: "PDF:ää ei voitu tarkistaa. Lisää tiedosto uudelleen; jos se epäonnistuu yhä, kopioi tiedot tukea varten.",
  invalid: "Postdesk ei voinut tehdä tätä annetuilla tiedoilla. Tiedoista näkyy, mitä puuttui tai mikä oli väärin.",
  sandbox: "Sisäänrakennettu testiympäristö ei käynnistynyt. Käynnistä Postdesk uudelleen.",
};

const nl: Texts = {
  store: "Postdesk kon zijn database niet lezen of schrijven. Er is niets verstuurd; probeer het opnieuw en kopieer de details voor support als het blijft mislukken.",
  not_found: "Dit item bestaat niet meer. Vernieuw de lijst.",
  keychain: "De sleutelhanger van het systeem is niet beschikbaar, dus Postdesk kan het wachtwoord en geheim van het account niet lezen of opslaan. Ontgrendel de sleutelhanger (meld u aan op het bureaublad) en probeer het opnieuw.",
  file: "Het bestand kon niet worden gelezen. Controleer of het nog bestaat en of u het mag openen.",
  disk_full: "De schijf is vol, dus Postdesk kon zijn kopie van de brief niet opslaan. Er gaat niets verloren: de brief wacht in de postvak-uit en wordt vanzelf verstuurd zodra er weer ruimte is. Maak wat schijfruimte vrij.",
  db_locked: "De gegevens van Postdesk worden door een ander programma gebruikt – waarschijnlijk is Postdesk al in een ander venster geopend, of kopieert een back-upprogramma de gegevens. Sluit het andere venster (of wacht op de back-up) en probeer het opnieuw.",
  db_corrupt: "Het databasebestand van Postdesk is beschadigd en kan niet worden gelezen. Postdesk kan het opzijzetten (het blijft bewaard) en de meest recente automatische back-up terugzetten, of met een lege database beginnen.",
  pdf: "De PDF kon niet worden gecontroleerd. Voeg het bestand opnieuw toe; lukt het weer niet, kopieer dan de details voor support.",
  invalid: "Postdesk kon dit niet uitvoeren met wat er is ingevuld. In de details staat wat ontbrak of niet klopte.",
  sandbox: "De ingebouwde sandbox kon niet starten. Start Postdesk opnieuw.",
};

const fr: Texts = {
  store: "Postdesk n’a pas pu lire ou écrire sa base de données. Rien n’a été envoyé ; réessayez et, si l’échec se répète, copiez les détails pour le support.",
  not_found: "Cet élément n’existe plus. Actualisez la liste.",
  keychain: "Le trousseau du système n’est pas disponible : Postdesk ne peut ni lire ni enregistrer le mot de passe et le secret du compte. Déverrouillez le trousseau (connectez-vous au bureau) et réessayez.",
  file: "Le fichier n’a pas pu être lu. Vérifiez qu’il existe toujours et que vous avez le droit de l’ouvrir.",
  disk_full: "Le disque est plein : Postdesk n’a pas pu enregistrer sa copie de la lettre. Rien n’est perdu : la lettre attend dans la boîte d’envoi et part d’elle-même dès qu’il y a de la place. Libérez de l’espace disque.",
  db_locked: "Les données de Postdesk sont utilisées par un autre programme — le plus souvent, Postdesk est déjà ouvert dans une autre fenêtre ou un outil de sauvegarde copie les données. Fermez l’autre fenêtre (ou attendez la fin de la sauvegarde), puis réessayez.",
  db_corrupt: "Le fichier de base de données de Postdesk est endommagé et illisible. Postdesk peut le mettre de côté (il est conservé, pas supprimé) et restaurer la dernière sauvegarde automatique, ou repartir d’une base vide.",
  pdf: "Le PDF n’a pas pu être vérifié. Ajoutez à nouveau le fichier ; si l’échec se répète, copiez les détails pour le support.",
  invalid: "Postdesk n’a pas pu effectuer cette action avec ce qui a été saisi. Les détails indiquent ce qui manquait ou était incorrect.",
  sandbox: "Le bac à sable intégré n’a pas pu démarrer. Redémarrez Postdesk.",
};

export const coreCodes: Record<Language, Texts> = { en, de, sv, nb, fi, nl, fr };
