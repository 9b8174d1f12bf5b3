/** The window's languages (as in `index.ts`; a type of its own so the two files do not depend on each other). */
type Language = "en" | "de" | "sv" | "nb" | "fi" | "nl" | "fr";

/**
 * "Send on" a later day (`schedule.*`): the pre-send dialog's date, the job list's
 * "Scheduled" state, cancelling it, and the history notes the core writes as codes
 * (`send_on_due:<date>`, `send_on_late:<date>`); merged into each language's texts by `index.ts`.
 */
const en = {
  schedule: {
    state: "Scheduled",
    stateOn: "Scheduled · {{date}}",
    explained: "Waiting in the outbox for its day. Postdesk sends it when that day begins, or at its next start if it is not running then. It can still be cancelled.",
    sendOn: "Send on",
    sendOnHelp: "Today sends at once. On a later day the letters wait in the outbox and go when that day begins (if Postdesk is not running then, at its next start).",
    scheduleFor: "Schedule for {{date}}",
    scheduledNote_one: "The letter waits in the outbox and goes out on {{date}}.",
    scheduledNote_other: "The letters wait in the outbox and go out on {{date}}.",
    scheduled: "Scheduled for {{date}}",
    cancel: "Cancel sending…",
    cancelQuestion: "Cancel this letter? It is never sent and stays in Jobs as cancelled.",
    cancelDone: "The letter was cancelled; it will not be sent.",
    notes: {
      send_on_due: "Its day began ({{date}}).",
      send_on_late: "Sent at once: Postdesk was not running on {{date}}.",
    },
  },
};

type Texts = typeof en;
/** French has a form of its own for 1 000 000 (`_many`), here with the same text as `_other`, as in `fr.ts`. */
type WithMany = { schedule: Texts["schedule"] & Record<`${string}_many`, string> };

const de: Texts = {
  schedule: {
    state: "Geplant",
    stateOn: "Geplant · {{date}}",
    explained: "Wartet im Postausgang auf seinen Tag. Postdesk sendet ihn, wenn dieser Tag beginnt, oder beim nächsten Start, falls Postdesk dann nicht läuft. Er kann noch storniert werden.",
    sendOn: "Senden am",
    sendOnHelp: "Heute sendet sofort. An einem späteren Tag warten die Briefe im Postausgang und gehen, wenn dieser Tag beginnt (läuft Postdesk dann nicht, beim nächsten Start).",
    scheduleFor: "Für {{date}} planen",
    scheduledNote_one: "Der Brief wartet im Postausgang und geht am {{date}} hinaus.",
    scheduledNote_other: "Die Briefe warten im Postausgang und gehen am {{date}} hinaus.",
    scheduled: "Geplant für {{date}}",
    cancel: "Senden abbrechen…",
    cancelQuestion: "Diesen Brief stornieren? Er wird nie gesendet und bleibt als storniert in den Aufträgen.",
    cancelDone: "Der Brief wurde storniert; er wird nicht gesendet.",
    notes: {
      send_on_due: "Sein Tag hat begonnen ({{date}}).",
      send_on_late: "Sofort gesendet: Postdesk lief am {{date}} nicht.",
    },
  },
};

const sv: Texts = {
  schedule: {
    state: "Schemalagt",
    stateOn: "Schemalagt · {{date}}",
    explained: "Väntar i utkorgen på sin dag. Postdesk skickar brevet när dagen börjar, eller vid nästa start om Postdesk inte körs då. Det kan fortfarande avbrytas.",
    sendOn: "Skicka den",
    sendOnHelp: "I dag skickar direkt. En senare dag väntar breven i utkorgen och går när dagen börjar (körs inte Postdesk då, vid nästa start).",
    scheduleFor: "Schemalägg till {{date}}",
    scheduledNote_one: "Brevet väntar i utkorgen och skickas den {{date}}.",
    scheduledNote_other: "Breven väntar i utkorgen och skickas den {{date}}.",
    scheduled: "Schemalagt till {{date}}",
    cancel: "Avbryt sändningen…",
    cancelQuestion: "Avbryta det här brevet? Det skickas aldrig och finns kvar i Utskick som avbrutet.",
    cancelDone: "Brevet avbröts; det skickas inte.",
    notes: {
      send_on_due: "Dagen har börjat ({{date}}).",
      send_on_late: "Skickat direkt: Postdesk kördes inte den {{date}}.",
    },
  },
};

const nb: Texts = {
  schedule: {
    state: "Planlagt",
    stateOn: "Planlagt · {{date}}",
    explained: "Venter i utboksen på sin dag. Postdesk sender brevet når dagen begynner, eller ved neste oppstart hvis Postdesk ikke kjører da. Det kan fortsatt avbrytes.",
    sendOn: "Send den",
    sendOnHelp: "I dag sender med en gang. En senere dag venter brevene i utboksen og går når dagen begynner (kjører ikke Postdesk da, ved neste oppstart).",
    scheduleFor: "Planlegg til {{date}}",
    scheduledNote_one: "Brevet venter i utboksen og sendes {{date}}.",
    scheduledNote_other: "Brevene venter i utboksen og sendes {{date}}.",
    scheduled: "Planlagt til {{date}}",
    cancel: "Avbryt sendingen…",
    cancelQuestion: "Avbryte dette brevet? Det sendes aldri og blir stående i Utsendelser som avbrutt.",
    cancelDone: "Brevet ble avbrutt; det blir ikke sendt.",
    notes: {
      send_on_due: "Dagen har begynt ({{date}}).",
      send_on_late: "Sendt med en gang: Postdesk kjørte ikke {{date}}.",
    },
  },
};

const fi: Texts = {
  schedule: {
    state: "Ajastettu",
    stateOn: "Ajastettu · {{date}}",
    explained: "Odottaa lähetysjonossa päiväänsä. Postdesk lähettää kirjeen päivän alkaessa tai seuraavan käynnistyksen yhteydessä, jos Postdesk ei silloin ole käynnissä. Sen voi vielä perua.",
    sendOn: "Lähetyspäivä",
    sendOnHelp: "Tänään lähettää heti. Myöhempänä päivänä kirjeet odottavat lähetysjonossa ja lähtevät päivän alkaessa (jos Postdesk ei silloin ole käynnissä, seuraavan käynnistyksen yhteydessä).",
    scheduleFor: "Ajasta päivälle {{date}}",
    scheduledNote_one: "Kirje odottaa lähetysjonossa ja lähtee {{date}}.",
    scheduledNote_other: "Kirjeet odottavat lähetysjonossa ja lähtevät {{date}}.",
    scheduled: "Ajastettu päivälle {{date}}",
    cancel: "Peru lähetys…",
    cancelQuestion: "Perutaanko tämä kirje? Sitä ei koskaan lähetetä, ja se jää Lähetyksiin peruttuna.",
    cancelDone: "Kirje peruttiin; sitä ei lähetetä.",
    notes: {
      send_on_due: "Lähetyspäivä alkoi ({{date}}).",
      send_on_late: "Lähetetty heti: Postdesk ei ollut käynnissä {{date}}.",
    },
  },
};

const nl: Texts = {
  schedule: {
    state: "Gepland",
    stateOn: "Gepland · {{date}}",
    explained: "Wacht in het postvak uit op zijn dag. Postdesk verzendt hem als die dag begint, of bij de volgende start als Postdesk dan niet draait. Hij kan nog worden geannuleerd.",
    sendOn: "Verzenden op",
    sendOnHelp: "Vandaag verzendt meteen. Op een latere dag wachten de brieven in het postvak uit en gaan ze als die dag begint (draait Postdesk dan niet, bij de volgende start).",
    scheduleFor: "Plannen voor {{date}}",
    scheduledNote_one: "De brief wacht in het postvak uit en gaat op {{date}} de deur uit.",
    scheduledNote_other: "De brieven wachten in het postvak uit en gaan op {{date}} de deur uit.",
    scheduled: "Gepland voor {{date}}",
    cancel: "Verzenden annuleren…",
    cancelQuestion: "Deze brief annuleren? Hij wordt nooit verzonden en blijft als geannuleerd in Opdrachten staan.",
    cancelDone: "De brief is geannuleerd; hij wordt niet verzonden.",
    notes: {
      send_on_due: "Zijn dag is begonnen ({{date}}).",
      send_on_late: "Meteen verzonden: Postdesk draaide niet op {{date}}.",
    },
  },
};

const fr: WithMany = {
  schedule: {
    state: "Programmé",
    stateOn: "Programmé · {{date}}",
    explained: "Attend son jour dans la file d’envoi. Postdesk l’envoie quand ce jour commence, ou au prochain démarrage s’il n’est pas lancé à ce moment-là. Il peut encore être annulé.",
    sendOn: "Envoyer le",
    sendOnHelp: "Aujourd’hui envoie tout de suite. Un jour plus tard, les lettres attendent dans la file d’envoi et partent quand ce jour commence (si Postdesk n’est pas lancé à ce moment-là, au prochain démarrage).",
    scheduleFor: "Programmer pour le {{date}}",
    scheduledNote_one: "La lettre attend dans la file d’envoi et part le {{date}}.",
    scheduledNote_many: "Les lettres attendent dans la file d’envoi et partent le {{date}}.",
    scheduledNote_other: "Les lettres attendent dans la file d’envoi et partent le {{date}}.",
    scheduled: "Programmé pour le {{date}}",
    cancel: "Annuler l’envoi…",
    cancelQuestion: "Annuler cette lettre ? Elle n’est jamais envoyée et reste dans les envois comme annulée.",
    cancelDone: "La lettre a été annulée ; elle ne sera pas envoyée.",
    notes: {
      send_on_due: "Son jour a commencé ({{date}}).",
      send_on_late: "Envoyée tout de suite : Postdesk n’était pas lancé le {{date}}.",
    },
  },
};

export const scheduleTexts: Record<Language, Texts | WithMany> = { en, de, sv, nb, fi, nl, fr };
