<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/journal_page.py" line="33"/>
        <source>Patient decision</source>
        <translation>Patiëntbeslissing</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="34"/>
        <source>Decision undone</source>
        <translation>Beslissing ongedaan gemaakt</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="35"/>
        <source>Study queued for sending</source>
        <translation>Onderzoek in de verzendwachtrij</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="36"/>
        <source>Routing rule added</source>
        <translation>Routeringsregel toegevoegd</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="37"/>
        <source>Routing rule deleted</source>
        <translation>Routeringsregel verwijderd</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="38"/>
        <source>Routing rule switched on</source>
        <translation>Routeringsregel ingeschakeld</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="39"/>
        <source>Routing rule switched off</source>
        <translation>Routeringsregel uitgeschakeld</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="40"/>
        <source>Study stored in the PACS</source>
        <translation>Onderzoek opgeslagen in het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="43"/>
        <source>linked to {id}</source>
        <translation>gekoppeld aan {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="44"/>
        <source>new patient</source>
        <translation>nieuwe patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="45"/>
        <source>waiting for a person</source>
        <translation>wacht op een persoon</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="46"/>
        <source>rejected</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="51"/>
        <source>Passerelle (automatic)</source>
        <translation>Passerelle (automatisch)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="52"/>
        <source>Technician (rules)</source>
        <translation>Technicus (regels)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="75"/>
        <source>rule #{id}</source>
        <translation>regel nr. {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="79"/>
        <source>{files} files to {site}</source>
        <translation>{files} bestanden naar {site}</translation>
    </message>
</context>
<context>
    <name>EngineReasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="87"/>
        <source>delivered: signed receipt stored</source>
        <translation>afgeleverd: ondertekend ontvangstbewijs bewaard</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="88"/>
        <source>received: awaiting reconciliation</source>
        <translation>ontvangen: wacht op reconciliatie</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="89"/>
        <source>nothing to store</source>
        <translation>niets op te slaan</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="90"/>
        <source>reconciled; no PACS configured to store into</source>
        <translation>gereconcilieerd; geen PACS ingesteld om in op te slaan</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="91"/>
        <source>preparing the files for the PACS</source>
        <translation>bestanden worden voorbereid voor het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="92"/>
        <source>rejected at review: not stored in the PACS</source>
        <translation>geweigerd bij de controle: niet opgeslagen in het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="93"/>
        <source>the transfer has no files</source>
        <translation>de overdracht bevat geen bestanden</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="94"/>
        <source>the peer no longer knows this session</source>
        <translation>de andere gateway kent deze sessie niet meer</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="95"/>
        <source>the receiver holds every chunk but has not issued its receipt yet</source>
        <translation>de ontvanger heeft alles maar heeft nog geen ontvangstbewijs gestuurd</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="96"/>
        <source>no valid directory installed: run `passerelle directory install`</source>
        <translation>geen geldige netwerkgids geïnstalleerd: installeer de netwerkgids van het netwerk</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="97"/>
        <source>directory expired beyond its grace: new outgoing transfers are stopped</source>
        <translation>netwerkgids verlopen (na de respijtperiode): nieuwe verzendingen zijn gestopt</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="98"/>
        <source>no directory installed: run `passerelle directory install SIGNED.json`</source>
        <translation>geen netwerkgids geïnstalleerd: installeer de ondertekende netwerkgids van het netwerk</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="99"/>
        <source>directory expired: new outgoing transfers are stopped until a fresh one is installed</source>
        <translation>netwerkgids verlopen: nieuwe verzendingen zijn gestopt tot een nieuwe is geïnstalleerd</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="101"/>
        <source>directory expired (grace period): install a fresh one before outgoing transfers stop</source>
        <translation>netwerkgids verlopen (respijtperiode): installeer een nieuwe voor de verzendingen stoppen</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="103"/>
        <source>this site is not listed in the installed directory: peers will refuse it</source>
        <translation>deze site staat niet in de geïnstalleerde netwerkgids: andere ziekenhuizen zullen hem weigeren</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="104"/>
        <source>this site is revoked in the directory</source>
        <translation>deze site is ingetrokken in de netwerkgids</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="105"/>
        <source>the directory lists no endpoint for this site</source>
        <translation>de netwerkgids geeft geen adres voor deze site</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="106"/>
        <source>unknown or expired session</source>
        <translation>onbekende of verlopen sessie</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="107"/>
        <source>manifest signature does not match the sender&apos;s directory key</source>
        <translation>de handtekening van het manifest past niet bij de sleutel van de afzender in de netwerkgids</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="108"/>
        <source>paused: receiver storage full, waiting for free space</source>
        <translation>gepauzeerd: de opslag van deze gateway is vol, wacht op vrije ruimte</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="109"/>
        <source>receiver storage full, retry later</source>
        <translation>de opslag van de andere gateway is vol; later opnieuw</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="110"/>
        <source>receiver cannot store now, retry later</source>
        <translation>de andere gateway kan nu niets opslaan; later opnieuw</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="111"/>
        <source>nothing new to store: every file arrived earlier and was stored in the PACS or rejected</source>
        <translation>niets nieuws op te slaan: elk bestand kwam al eerder aan en werd in de PACS opgeslagen of geweigerd</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="113"/>
        <source>cancelled by the sending site</source>
        <translation>geannuleerd door het verzendende ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="119"/>
        <source>will try again: {detail}</source>
        <translation>wordt opnieuw geprobeerd: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="121"/>
        <source>waiting for a person to confirm the patient: {why}</source>
        <translation>wacht tot iemand de patiënt bevestigt: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="123"/>
        <source>cancelled by {who}</source>
        <translation>geannuleerd door {who}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="125"/>
        <source>storing into the PACS ({via})</source>
        <translation>opslaan in het PACS ({via})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="127"/>
        <source>the PACS was not reached or is not complete (attempt {n}); next try in {s} s: {detail}</source>
        <translation>het PACS antwoordde niet of heeft nog niet alles (poging {n}); nieuwe poging over {s} s: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="130"/>
        <source>reconciliation or storing in the PACS failed ({kind}); the files are kept</source>
        <translation>reconciliatie of opslag in het PACS mislukt ({kind}); de bestanden worden bewaard</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="133"/>
        <source>{site} is no longer a member of the network (directory)</source>
        <translation>{site} maakt geen deel meer uit van het netwerk (netwerkgids)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="135"/>
        <source>{site} is not a member of the network (directory)</source>
        <translation>{site} maakt geen deel uit van het netwerk (netwerkgids)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="137"/>
        <source>the directory gives no address for {site}</source>
        <translation>de netwerkgids geeft geen adres voor {site}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="139"/>
        <source>an image of the study is no longer on the appliance ({uid})</source>
        <translation>een beeld van het onderzoek staat niet meer op de gateway ({uid})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="141"/>
        <source>the other appliance still misses {n} pieces after {rounds} rounds</source>
        <translation>de andere gateway mist nog {n} stukken na {rounds} rondes</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="143"/>
        <source>the other appliance does not answer ({url})</source>
        <translation>de andere gateway antwoordt niet ({url})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="145"/>
        <source>{site} refused the connection: {detail}</source>
        <translation>{site} weigerde de verbinding: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="147"/>
        <source>{site} answered the connection with an error (HTTP {status}): {detail}</source>
        <translation>{site} antwoordde met een fout op de verbinding (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="149"/>
        <source>the other appliance answered with an error (HTTP {status}): {detail}</source>
        <translation>de andere gateway antwoordde met een fout (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="151"/>
        <source>the answer of the other appliance failed verification: {detail}</source>
        <translation>het antwoord van de andere gateway doorstond de controle niet: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="153"/>
        <source>internal error ({kind}): see the log</source>
        <translation>interne fout ({kind}): zie het technische logboek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="155"/>
        <source>the study was addressed to another site ({site})</source>
        <translation>het onderzoek was aan een andere site gericht ({site})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="157"/>
        <source>the installed directory is refused: {detail}</source>
        <translation>de geïnstalleerde netwerkgids wordt geweigerd: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="159"/>
        <source>the directory could not be refreshed from {url} ({detail}); the installed one is kept</source>
        <translation>de netwerkgids kon niet worden vernieuwd vanaf {url} ({detail}); de geïnstalleerde blijft behouden</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="163"/>
        <source>this appliance&apos;s storage is full ({free} MiB free, {needed} MiB needed): incoming transfers are paused until space is freed</source>
        <translation>de opslag van deze gateway is vol ({free} MiB vrij, {needed} MiB nodig): ontvangsten zijn gepauzeerd tot er ruimte vrijkomt</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="166"/>
        <source>operator root pinned: {n} root key(s), {t} must sign together</source>
        <translation>hoofdsleutels van de beheerder vastgelegd: {n} hoofdsleutel(s), {t} moeten samen ondertekenen</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="168"/>
        <source>directory version {v} installed: {n} sites</source>
        <translation>netwerkgids versie {v} geïnstalleerd: {n} sites</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="170"/>
        <source>abandoned: nothing came from the sending hospital for {days} days</source>
        <translation>opgegeven: al {days} dagen niets ontvangen van het verzendende ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="172"/>
        <source>no answer within {s} s</source>
        <translation>geen antwoord binnen {s} s</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="174"/>
        <source>answered HTTP {status}: a proxy or another server, not a Passerelle appliance</source>
        <translation>antwoord HTTP {status}: een proxy of een andere server, geen Passerelle-gateway</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="19"/>
        <source>This hospital is not in the directory of the network. Ask your PACS technician.</source>
        <translation>Dit ziekenhuis staat niet in de netwerkgids. Vraag het aan uw PACS-technicus.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Some files are not medical images (DICOM) and were set aside.</source>
        <translation>Sommige bestanden zijn geen medische beelden (DICOM) en werden apart gezet.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>The disk of the appliance is full. Work is paused until space is freed.</source>
        <translation>De schijf van de gateway is vol. Het werk is gepauzeerd tot er ruimte vrijkomt.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>The appliance is not configured correctly. Ask your PACS technician.</source>
        <translation>De gateway is niet correct ingesteld. Vraag het aan uw PACS-technicus.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>The appliance could not save its work. Ask your PACS technician.</source>
        <translation>De gateway kon zijn werk niet opslaan. Vraag het aan uw PACS-technicus.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>The PACS did not answer as expected.</source>
        <translation>Het PACS antwoordde niet zoals verwacht.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>The other side cannot be reached right now. It will be tried again.</source>
        <translation>De andere kant is nu niet bereikbaar. Er wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>The other hospital&apos;s appliance refused the exchange.</source>
        <translation>De gateway van het andere ziekenhuis weigerde de uitwisseling.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>A file or folder could not be read.</source>
        <translation>Een bestand of map kon niet gelezen worden.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>This could not be done with what was given. The appliance says: {message}</source>
        <translation>Dit kon niet met de gegeven informatie. De gateway antwoordt (in het Engels): {message}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Something went wrong. The details are for your PACS technician.</source>
        <translation>Er ging iets mis. De details zijn bedoeld voor uw PACS-technicus.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="235"/>
        <source>Passerelle: first start</source>
        <translation>Passerelle: eerste start</translation>
    </message>
</context>
<context>
    <name>HospitalCard</name>
    <message>
        <location filename="../../ui/sites_page.py" line="86"/>
        <source>Hospital {name}: drop studies here to send them</source>
        <translation>Ziekenhuis {name}: sleep onderzoeken hierheen om ze te verzenden</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="114"/>
        <source>● not reachable</source>
        <translation>● niet bereikbaar</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="93"/>
        <source>Fingerprint: {fp}</source>
        <translation>Vingerafdruk: {fp}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="97"/>
        <source>Drop studies here</source>
        <translation>Sleep onderzoeken hierheen</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="107"/>
        <source>● reachable (checked {when})</source>
        <translation>● bereikbaar (gecontroleerd: {when})</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="110"/>
        <source>● not checked yet</source>
        <translation>● nog niet gecontroleerd</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="112"/>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>last seen {when}</source>
        <translation>laatst gezien {when}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>never seen</source>
        <translation>nooit bereikt</translation>
    </message>
</context>
<context>
    <name>HospitalTarget</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="88"/>
        <source>Send the selected study to {name}</source>
        <translation>Het gekozen onderzoek naar {name} sturen</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/journal_page.py" line="90"/>
        <source>Export the journal</source>
        <translation>Logboek exporteren</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="105"/>
        <source>Journal</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="108"/>
        <location filename="../../ui/journal_page.py" line="125"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="108"/>
        <location filename="../../ui/journal_page.py" line="125"/>
        <source>To</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="114"/>
        <location filename="../../ui/journal_page.py" line="126"/>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="116"/>
        <location filename="../../ui/journal_page.py" line="126"/>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="118"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="121"/>
        <source>Search (study, transfer, patient id)</source>
        <translation>Zoeken (onderzoek, overdracht, patiënt-id)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="122"/>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="131"/>
        <source>Journal entries</source>
        <translation>Logboekregels</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="140"/>
        <source>&amp;Export to CSV...</source>
        <translation>&amp;Exporteren naar CSV...</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="141"/>
        <source>Export to CSV</source>
        <translation>Exporteren naar CSV</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="175"/>
        <source>The journal could not be read.</source>
        <translation>Het logboek kon niet gelezen worden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="187"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n regel</numerusform>
            <numerusform>%n regels</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="199"/>
        <source>Export failed</source>
        <translation>Exporteren mislukt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="201"/>
        <source>%n entries exported</source>
        <translation>
            <numerusform>%n regel geëxporteerd</numerusform>
            <numerusform>%n regels geëxporteerd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="78"/>
        <source>Keys of this appliance</source>
        <translation>Sleutels van deze gateway</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="79"/>
        <source>Passerelle creates the keys that prove who this appliance is. They never leave it.</source>
        <translation>Passerelle maakt de sleutels die bewijzen wie deze gateway is. Ze verlaten hem nooit.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="84"/>
        <source>Read this fingerprint aloud to the network operator when you register the site.</source>
        <translation>Lees deze vingerafdruk voor aan de netwerkbeheerder wanneer u de site registreert.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="94"/>
        <source>Creating the keys...</source>
        <translation>Sleutels aanmaken...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="101"/>
        <source>Keys created. Site id: {id}</source>
        <translation>Sleutels aangemaakt. Site-id: {id}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>Passerelle — {site}</source>
        <translation>Passerelle — {site}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Reconciliation</source>
        <translation>Patiëntkoppeling</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Transfers</source>
        <translation>Overdrachten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>PACS search</source>
        <translation>PACS zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Rules</source>
        <translation>Regels</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Journal</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Navigation</source>
        <translation>Navigatie</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="183"/>
        <source>(%n waiting)</source>
        <translation>
            <numerusform>(%n wachtend)</numerusform>
            <numerusform>(%n wachtend)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Passerelle: %n patient(s) waiting</source>
        <translation>
            <numerusform>Passerelle: %n patiënt wacht</numerusform>
            <numerusform>Passerelle: %n patiënten wachten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Patients to confirm</source>
        <translation>Te bevestigen patiënten</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="188"/>
        <source>%n patient(s) wait for confirmation.</source>
        <translation>
            <numerusform>%n patiënt wacht op bevestiging.</numerusform>
            <numerusform>%n patiënten wachten op bevestiging.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Engine not answering</source>
        <translation>De motor antwoordt niet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Engine: {state}</source>
        <translation>Motor: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>running</source>
        <translation>actief</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>Transfer failed</source>
        <translation>Overdracht mislukt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="222"/>
        <source>%n transfer(s) failed.</source>
        <translation>
            <numerusform>%n overdracht mislukt.</numerusform>
            <numerusform>%n overdrachten mislukt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Open Passerelle</source>
        <translation>Passerelle openen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>Passerelle keeps working</source>
        <translation>Passerelle blijft werken</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Transfers continue in the background. Open from the tray icon.</source>
        <translation>Overdrachten gaan op de achtergrond door. Open het venster via het pictogram in het systeemvak.</translation>
    </message>
</context>
<context>
    <name>PacsForm</name>
    <message>
        <location filename="../../ui/pacs_form.py" line="33"/>
        <source>Test the connection (C-ECHO)</source>
        <translation>Verbinding testen (C-ECHO)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="34"/>
        <source>Test the connection to the PACS</source>
        <translation>Verbinding met het PACS testen</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="40"/>
        <source>The connection test is not available in this version.</source>
        <translation>De verbindingstest is niet beschikbaar in deze versie.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS AE title</source>
        <translation>AE-titel van het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS host name or address</source>
        <translation>Naam of adres van het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="45"/>
        <source>PACS port</source>
        <translation>Poort van het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="66"/>
        <source>Fill in the AE title and the host first.</source>
        <translation>Vul eerst de AE-titel en het adres in.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="69"/>
        <source>Testing...</source>
        <translation>Testen...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="76"/>
        <source>The PACS answered.</source>
        <translation>Het PACS antwoordde.</translation>
    </message>
</context>
<context>
    <name>PacsPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="215"/>
        <source>Your PACS</source>
        <translation>Uw PACS</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="216"/>
        <source>Where Passerelle stores received studies and finds studies to send. Test the connection before you finish.</source>
        <translation>Waar Passerelle ontvangen onderzoeken opslaat en te verzenden onderzoeken vindt. Test de verbinding voor u afrondt.</translation>
    </message>
</context>
<context>
    <name>PacsSearchPage</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="153"/>
        <source>Search the PACS</source>
        <translation>Zoeken in het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="155"/>
        <source>No PACS is configured: set it in Settings to search it from here.</source>
        <translation>Er is geen PACS ingesteld: stel het in bij Instellingen om er hier in te zoeken.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="160"/>
        <source>Find a study</source>
        <translation>Een onderzoek zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="163"/>
        <source>e.g. Dupont or DUPONT^Marie</source>
        <translation>bv. Peeters of PEETERS^Lotte</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="167"/>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="170"/>
        <source>Study between</source>
        <translation>Onderzoek tussen</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="180"/>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <source>Patient name</source>
        <translation>Naam van de patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient ID</source>
        <translation>Patiënt-ID</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <source>Accession number</source>
        <translation>Accessienummer</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Modality</source>
        <translation>Modaliteit</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>To</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="200"/>
        <source>and</source>
        <translation>en</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="211"/>
        <source>Studies found in the PACS</source>
        <translation>Onderzoeken gevonden in het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Study date</source>
        <translation>Datum onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Accession</source>
        <translation>Accessie</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Images</source>
        <translation>Beelden</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="221"/>
        <source>Send the selected study to (click, or drag the study onto a hospital)</source>
        <translation>Het gekozen onderzoek sturen naar (klik, of sleep het onderzoek op een ziekenhuis)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="223"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>Er staat nog geen ziekenhuis in de lijst: installeer de netwerkgids van het netwerk.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="276"/>
        <source>Searching the PACS...</source>
        <translation>Zoeken in het PACS...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="282"/>
        <source>The search did not work.</source>
        <translation>Het zoeken is niet gelukt.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="283"/>
        <source>PACS search</source>
        <translation>PACS zoeken</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="286"/>
        <source>%n study(ies) found.</source>
        <translation>
            <numerusform>%n onderzoek gevonden.</numerusform>
            <numerusform>%n onderzoeken gevonden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="287"/>
        <source>No study matches. Check the spelling or widen the dates.</source>
        <translation>Geen enkel onderzoek komt overeen. Controleer de spelling of verruim de datums.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="331"/>
        <source>Retrieving the study of {patient} from the PACS for {site}...</source>
        <translation>Het onderzoek van {patient} wordt uit het PACS opgehaald voor {site}...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="338"/>
        <source>Not sent.</source>
        <translation>Niet verzonden.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="339"/>
        <source>Study not sent</source>
        <translation>Onderzoek niet verzonden</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="342"/>
        <source>This study was already sent to {site}.</source>
        <translation>Dit onderzoek werd al naar {site} gestuurd.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="344"/>
        <source>Queued for {site}: %n image(s). Follow it on the Transfers page.</source>
        <translation>
            <numerusform>In de wachtrij voor {site}: %n beeld. Volg het op de pagina Overdrachten.</numerusform>
            <numerusform>In de wachtrij voor {site}: %n beelden. Volg het op de pagina Overdrachten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacsSendDialog</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="112"/>
        <source>Send to {site}</source>
        <translation>Versturen naar {site}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="116"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Versturen naar &lt;b&gt;{site}&lt;/b&gt;:</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="117"/>
        <source>(no name)</source>
        <translation>(geen naam)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="120"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth}, id {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} series, {images} images, accession {accession}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (geboren {birth}, ID {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} reeksen, {images} beelden, accessie {accession}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="130"/>
        <source>The appliance first retrieves the study from the PACS, then sends it. Follow it on the Transfers page.</source>
        <translation>De gateway haalt het onderzoek eerst uit het PACS en verstuurt het dan. Volg het op de pagina Overdrachten.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="135"/>
        <location filename="../../ui/pacs_search_page.py" line="136"/>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="13"/>
        <source>NISS identical</source>
        <translation>INSZ identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="14"/>
        <source>NISS different (valid numbers of two different people)</source>
        <translation>INSZ verschillend (geldige nummers van twee verschillende personen)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="15"/>
        <source>NISS differs by one typing error</source>
        <translation>INSZ verschilt door één tikfout</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="16"/>
        <source>NISS invalid (check digits) on one side</source>
        <translation>INSZ ongeldig (controlecijfers) aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="17"/>
        <source>NISS missing on one side</source>
        <translation>INSZ ontbreekt aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="18"/>
        <source>birth date identical</source>
        <translation>geboortedatum identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="19"/>
        <source>birth date partially known and compatible</source>
        <translation>geboortedatum deels gekend en verenigbaar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="20"/>
        <source>birth date: day and month swapped</source>
        <translation>geboortedatum: dag en maand verwisseld</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="21"/>
        <source>birth date differs in one part</source>
        <translation>geboortedatum verschilt in één deel</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="22"/>
        <source>birth date different in the same year</source>
        <translation>geboortedatum verschillend in hetzelfde jaar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="23"/>
        <source>birth date different</source>
        <translation>geboortedatum verschillend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="24"/>
        <source>birth date missing on one side</source>
        <translation>geboortedatum ontbreekt aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="25"/>
        <source>birth date partial or mistyped, but the NISS carries the local birth date</source>
        <translation>geboortedatum onvolledig of verkeerd getypt, maar het INSZ bevat de lokale geboortedatum</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="26"/>
        <source>sex identical</source>
        <translation>geslacht identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="27"/>
        <source>sex different</source>
        <translation>geslacht verschillend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="28"/>
        <source>sex missing or unknown on one side</source>
        <translation>geslacht ontbreekt of onbekend aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="29"/>
        <source>family name identical</source>
        <translation>familienaam identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="30"/>
        <source>family name identical apart from spaces in particles</source>
        <translation>familienaam identiek op spaties in tussenvoegsels na</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="31"/>
        <source>family name identical apart from a particle</source>
        <translation>familienaam identiek op een tussenvoegsel na</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="32"/>
        <source>family name shares one part of a double name</source>
        <translation>familienaam deelt een deel van een dubbele naam</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="33"/>
        <source>family name similar</source>
        <translation>familienaam gelijkend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="34"/>
        <source>family name somewhat similar</source>
        <translation>familienaam enigszins gelijkend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="35"/>
        <source>family name different</source>
        <translation>familienaam verschillend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="36"/>
        <source>family name missing on one side</source>
        <translation>familienaam ontbreekt aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="37"/>
        <source>given names identical</source>
        <translation>voornamen identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="38"/>
        <source>first given name identical</source>
        <translation>eerste voornaam identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="39"/>
        <source>one of the given names identical</source>
        <translation>een van de voornamen identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="40"/>
        <source>given name matches an initial only</source>
        <translation>voornaam komt enkel overeen met een initiaal</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="41"/>
        <source>given name similar</source>
        <translation>voornaam gelijkend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="42"/>
        <source>given name somewhat similar</source>
        <translation>voornaam enigszins gelijkend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="43"/>
        <source>given name different</source>
        <translation>voornaam verschillend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="44"/>
        <source>given name missing on one side</source>
        <translation>voornaam ontbreekt aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="45"/>
        <source>family and given names swapped</source>
        <translation>familienaam en voornaam verwisseld</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="46"/>
        <source>manual decision</source>
        <translation>manuele beslissing</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="52"/>
        <source>possible twin: same family name, birth date and sex but another given name</source>
        <translation>mogelijke tweeling: zelfde familienaam, geboortedatum en geslacht maar een andere voornaam</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="53"/>
        <source>another local record has the same name and birth date</source>
        <translation>een ander lokaal dossier heeft dezelfde naam en geboortedatum</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="54"/>
        <source>same name and birth date but a different NISS</source>
        <translation>zelfde naam en geboortedatum maar een ander INSZ</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="55"/>
        <source>the incoming NISS disagrees with the incoming birth date or sex</source>
        <translation>het ontvangen INSZ klopt niet met de ontvangen geboortedatum of het geslacht</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="56"/>
        <source>the NISS disagrees with the local record&apos;s birth date or sex</source>
        <translation>het INSZ klopt niet met de geboortedatum of het geslacht van het lokale dossier</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="57"/>
        <source>two local records share this NISS</source>
        <translation>twee lokale dossiers hebben dit INSZ</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="58"/>
        <source>the incoming NISS belongs to another local record (relative?)</source>
        <translation>het ontvangen INSZ hoort bij een ander lokaal dossier (familielid?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="59"/>
        <source>newborn without NISS</source>
        <translation>pasgeborene zonder INSZ</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="60"/>
        <source>another local record has the same name and sex but another birth date (parent or child?)</source>
        <translation>een ander lokaal dossier heeft dezelfde naam en hetzelfde geslacht maar een andere geboortedatum (ouder of kind?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="62"/>
        <source>the name carries a generation suffix (junior/senior)</source>
        <translation>de naam draagt een generatieachtervoegsel (junior/senior)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="63"/>
        <source>another local record has the name and birth date that were sent</source>
        <translation>een ander lokaal dossier heeft de verzonden naam en geboortedatum</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="65"/>
        <source>no plausible local record</source>
        <translation>geen plausibel lokaal dossier</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="66"/>
        <source>a new patient record must be confirmed by a person (site policy)</source>
        <translation>een nieuw patiëntdossier moet door een persoon bevestigd worden (beleid van de site)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="67"/>
        <source>all rules for an automatic link hold</source>
        <translation>alle regels voor een automatische koppeling zijn voldaan</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="68"/>
        <source>no plausible local record: new patient</source>
        <translation>geen plausibel lokaal dossier: nieuwe patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="69"/>
        <source>score below the automatic link threshold</source>
        <translation>score onder de drempel voor een automatische koppeling</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="70"/>
        <source>the next candidate scores too close</source>
        <translation>de volgende kandidaat scoort te dichtbij</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="71"/>
        <source>birth date not identical</source>
        <translation>geboortedatum niet identiek</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="72"/>
        <source>NISS different</source>
        <translation>INSZ verschillend</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="73"/>
        <source>names not close enough for an automatic link</source>
        <translation>namen niet dicht genoeg bij elkaar voor een automatische koppeling</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="74"/>
        <source>names swapped: a person must confirm</source>
        <translation>naam en voornaam omgewisseld: een persoon moet bevestigen</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="76"/>
        <source>the study&apos;s files name more than one patient</source>
        <translation>de bestanden van het onderzoek vermelden meer dan één patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="77"/>
        <source>another part of this study was stored for another patient</source>
        <translation>een ander deel van dit onderzoek werd voor een andere patiënt opgeslagen</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="78"/>
        <source>another part of this study was rejected at review</source>
        <translation>een ander deel van dit onderzoek werd bij de controle geweigerd</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="79"/>
        <source>another part of this study was stored for this local record, under the same patient data</source>
        <translation>een ander deel van dit onderzoek werd voor dit lokale dossier opgeslagen, met dezelfde patiëntgegevens</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals.py" line="17"/>
        <source>this incoming transfer never arrived whole: there is nothing to store; only the sending site can send it again</source>
        <translation>deze ontvangen overdracht is nooit volledig aangekomen: er is niets op te slaan; alleen het verzendende ziekenhuis kan ze opnieuw versturen</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="25"/>
        <source>this study&apos;s files name more than one patient: every file would be stored under the chosen record, so it can only be rejected; ask the sending site to correct it</source>
        <translation>de bestanden van dit onderzoek vermelden meer dan één patiënt: elk bestand zou onder het gekozen dossier worden opgeslagen, dus het onderzoek kan alleen worden geweigerd; vraag het verzendende ziekenhuis om het te corrigeren</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="28"/>
        <source>a manual decision needs the name of the person who takes it</source>
        <translation>een manuele beslissing vereist de naam van de persoon die ze neemt</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29"/>
        <source>choose a patient of the local index to link to</source>
        <translation>kies een lokale patiënt om het onderzoek aan te koppelen</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="30"/>
        <source>a rejected study needs a reason</source>
        <translation>een geweigerd onderzoek vereist een reden</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="31"/>
        <source>undoing a decision needs the name of the person who does it</source>
        <translation>het ongedaan maken van een beslissing vereist de naam van de persoon die het doet</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="32"/>
        <source>give at least a name, a birth date or a NISS to search</source>
        <translation>geef minstens een naam, een geboortedatum of een INSZ om te zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33"/>
        <source>this patient has already been handled (by someone else or an earlier action)</source>
        <translation>deze patiënt is al behandeld (door iemand anders of door een eerdere actie)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34"/>
        <source>this decision cannot be undone (it is not the latest manual decision)</source>
        <translation>deze beslissing kan niet ongedaan worden gemaakt (het is niet de laatste manuele beslissing)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="35"/>
        <source>this study has already been sent to the PACS; the decision can no longer be undone</source>
        <translation>dit onderzoek is al naar het PACS gestuurd; de beslissing kan niet meer ongedaan worden gemaakt</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="37"/>
        <source>another part of this study is already stored for another local record: link to that record or reject</source>
        <translation>een ander deel van dit onderzoek is al opgeslagen voor een ander lokaal dossier: koppel het onderzoek aan dat dossier of weiger het</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40"/>
        <source>give a patient name, a patient id, an accession number or a date</source>
        <translation>geef een patiëntnaam, een patiënt-ID, een accessienummer of een datum</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41"/>
        <source>the first date is after the last one</source>
        <translation>de eerste datum ligt na de laatste</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="42"/>
        <source>a modality is a DICOM code such as CT, MR, US</source>
        <translation>een modaliteit is een DICOM-code zoals CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="43"/>
        <source>the PACS does not hold this study (any more): search again</source>
        <translation>het PACS bevat dit onderzoek niet (meer): zoek opnieuw</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44"/>
        <source>no PACS is configured on this appliance: set it in the settings first</source>
        <translation>er is geen PACS ingesteld op deze gateway: stel het eerst in bij Instellingen</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47"/>
        <source>no DICOM file found</source>
        <translation>geen DICOM-bestand gevonden</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48"/>
        <source>a study cannot be sent to this site itself</source>
        <translation>een onderzoek kan niet naar dit ziekenhuis zelf worden gestuurd</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="49"/>
        <source>--modality takes DICOM modality codes such as CT, MR, US</source>
        <translation>een modaliteit is een DICOM-code zoals CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="50"/>
        <source>a routing rule needs a destination site</source>
        <translation>een routeringsregel vereist een bestemmingsziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="51"/>
        <source>a routing rule needs at least one criterion (it never sends everything)</source>
        <translation>een routeringsregel vereist minstens één criterium (ze verstuurt nooit alle onderzoeken)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52"/>
        <source>--max-age-days must be zero (no limit) or more</source>
        <translation>de maximale leeftijd van het onderzoek moet nul (geen limiet) of meer zijn</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="54"/>
        <source>root key must be base64 (the text `directory create-operator-key` printed)</source>
        <translation>de hoofdsleutel moet in base64 zijn (de tekst die `directory create-operator-key` toonde)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="55"/>
        <source>root key must be a 32-byte Ed25519 public key</source>
        <translation>de hoofdsleutel moet een publieke Ed25519-sleutel van 32 bytes zijn</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62"/>
        <source>dates are written YYYYMMDD (not {value})</source>
        <translation>datums worden geschreven als JJJJMMDD (niet {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="64"/>
        <source>the PACS sent {have} of the {expected} images of the study: try again later</source>
        <translation>het PACS stuurde {have} van de {expected} beelden van het onderzoek: probeer later opnieuw</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="66"/>
        <source>this file or folder does not exist: {path}</source>
        <translation>dit bestand of deze map bestaat niet: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="68"/>
        <source>nothing to send: {detail}</source>
        <translation>niets te versturen: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="70"/>
        <source>unknown hospital {site}: no directory of the network is installed on this appliance</source>
        <translation>onbekend ziekenhuis {site}: er is geen netwerkgids geïnstalleerd op deze gateway</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="73"/>
        <source>unknown hospital {site}; the hospitals in the directory: {names}</source>
        <translation>onbekend ziekenhuis {site}; de ziekenhuizen in de netwerkgids: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="75"/>
        <source>routing rule #{n} no longer exists</source>
        <translation>routeringsregel nr. {n} bestaat niet meer</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77"/>
        <source>the DICOMweb address must start with http:// or https:// (not {value})</source>
        <translation>het DICOMweb-adres moet beginnen met http:// of https:// (niet {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="79"/>
        <source>the root set file {path} was not found</source>
        <translation>het bestand met hoofdsleutels {path} werd niet gevonden</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="81"/>
        <source>the directory file {path} was not found</source>
        <translation>het gidsbestand {path} werd niet gevonden</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="34"/>
        <source>Reject the study</source>
        <translation>Onderzoek weigeren</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="37"/>
        <location filename="../../ui/review_dialogs.py" line="53"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Study sent to the wrong hospital</source>
        <translation>Onderzoek naar het verkeerde ziekenhuis gestuurd</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Patient unknown here</source>
        <translation>Patiënt hier onbekend</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Duplicate of a study already received</source>
        <translation>Dubbel van een reeds ontvangen onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Other reason (write it below)</source>
        <translation>Andere reden (hieronder invullen)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="43"/>
        <source>Other reason</source>
        <translation>Andere reden</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="44"/>
        <source>Write the reason</source>
        <translation>Schrijf de reden</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="50"/>
        <source>Why is this study rejected? The sending hospital is not told automatically.</source>
        <translation>Waarom wordt dit onderzoek geweigerd? Het verzendende ziekenhuis wordt niet automatisch verwittigd.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="54"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/review_page.py" line="97"/>
        <source>Patients waiting for confirmation</source>
        <translation>Patiënten die op bevestiging wachten</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="108"/>
        <source>Incoming study</source>
        <translation>Ontvangen onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Sending hospital</source>
        <translation>Verzendend ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Study date</source>
        <translation>Datum van het onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="113"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="122"/>
        <source>Why Passerelle asks you to decide:</source>
        <translation>Waarom Passerelle u laat beslissen:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="138"/>
        <source>Incoming patient and local candidates</source>
        <translation>Ontvangen patiënt en lokale kandidaten</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Family name</source>
        <translation>Familienaam</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Sex</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>NISS</source>
        <translation>INSZ</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="161"/>
        <source>Reasons for the score</source>
        <translation>Redenen voor de score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="165"/>
        <source>&amp;Confirm this patient</source>
        <translation>Deze patiënt &amp;bevestigen</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="166"/>
        <source>Link the incoming study to the selected local patient (Enter)</source>
        <translation>Het ontvangen onderzoek koppelen aan de gekozen lokale patiënt (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="167"/>
        <source>&amp;Search by hand...</source>
        <translation>&amp;Manueel zoeken...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="168"/>
        <source>&amp;New patient</source>
        <translation>&amp;Nieuwe patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="169"/>
        <source>&amp;Reject...</source>
        <translation>&amp;Weigeren...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="170"/>
        <source>&amp;Undo last decision</source>
        <translation>Laatste beslissing &amp;ongedaan maken</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="158"/>
        <source>Why this score:</source>
        <translation>Waarom deze score:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="129"/>
        <source>Why this patient waits for a person</source>
        <translation>Waarom deze patiënt op een persoon wacht</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Patient id</source>
        <translation>Patiënt-id</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="145"/>
        <source>Incoming row: the id given by the sending hospital. Candidates: the id in this hospital&apos;s patient index.</source>
        <translation>Rij &apos;Ontvangen&apos;: de id van het verzendende ziekenhuis. Kandidaten: de id in de patiëntenindex van dit ziekenhuis.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="222"/>
        <source>The waiting list could not be read.</source>
        <translation>De wachtlijst kon niet gelezen worden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_page.py" line="252"/>
        <source>%n patient(s) waiting</source>
        <translation>
            <numerusform>%n patiënt wacht</numerusform>
            <numerusform>%n patiënten wachten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="252"/>
        <source>Nobody is waiting</source>
        <translation>Niemand wacht</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="280"/>
        <source>Incoming</source>
        <translation>Ontvangen</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="286"/>
        <source>Id of this patient in our patient index</source>
        <translation>Id van deze patiënt in onze patiëntenindex</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>(no id sent)</source>
        <translation>(geen id verzonden)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>{id} (sender&apos;s id)</source>
        <translation>{id} (id afzender)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="306"/>
        <source>The patient&apos;s id at the sending hospital ({hospital}), not an id of this hospital</source>
        <translation>De id van de patiënt bij het verzendende ziekenhuis ({hospital}), geen id van dit ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="331"/>
        <source>Differs from the incoming patient</source>
        <translation>Verschilt van de ontvangen patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="335"/>
        <source>Same as the incoming patient</source>
        <translation>Zelfde als de ontvangen patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="338"/>
        <source>Missing on one side</source>
        <translation>Ontbreekt aan één kant</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="355"/>
        <source>Why {name} scores {score} %:</source>
        <translation>Waarom {name} {score} % scoort:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="357"/>
        <source>No reasons given.</source>
        <translation>Geen redenen opgegeven.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="389"/>
        <source>Saving...</source>
        <translation>Opslaan...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="395"/>
        <source>The decision was not saved.</source>
        <translation>De beslissing werd niet opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="396"/>
        <source>Decision not saved</source>
        <translation>Beslissing niet opgeslagen</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="400"/>
        <source>Linked to the local patient {id}. You can undo until the study is sent to the PACS.</source>
        <translation>Gekoppeld aan lokale patiënt {id}. U kunt dit ongedaan maken tot het onderzoek naar het PACS is gestuurd.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="401"/>
        <source>A new patient will be created. You can undo until the study is sent to the PACS.</source>
        <translation>Er wordt een nieuwe patiënt aangemaakt. U kunt dit ongedaan maken tot het onderzoek naar het PACS is gestuurd.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="402"/>
        <source>The study is rejected. You can still undo this.</source>
        <translation>Het onderzoek is geweigerd. U kunt dit nog ongedaan maken.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="418"/>
        <source>Undo not possible</source>
        <translation>Ongedaan maken niet mogelijk</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="420"/>
        <source>Decision undone: the patient is back in the waiting list.</source>
        <translation>Beslissing ongedaan gemaakt: de patiënt staat terug op de wachtlijst.</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>Change rule #{id}</source>
        <translation>Regel nr. {id} wijzigen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>New rule</source>
        <translation>Nieuwe regel</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="52"/>
        <source>e.g. Thorax CT for the pneumologists</source>
        <translation>bv. CT thorax voor de longartsen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="53"/>
        <source>The referring physician is on this hospital&apos;s list in the directory</source>
        <translation>De aanvragende arts staat op de lijst van dit ziekenhuis in de netwerkgids</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="57"/>
        <source>One name per line, e.g. DUPONT^Jean</source>
        <translation>Eén naam per regel, bv. PEETERS^Jan</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="60"/>
        <source>e.g. CT, MR (empty: any)</source>
        <translation>bv. CT, MR (leeg: alle)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="62"/>
        <source>e.g. CT THORAX* (* matches anything)</source>
        <translation>bv. CT THORAX* (* staat voor om het even wat)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="67"/>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="68"/>
        <source>no limit</source>
        <translation>geen limiet</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="70"/>
        <source>Rule enabled</source>
        <translation>Regel actief</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Send to</source>
        <translation>Versturen naar</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Name of the rule</source>
        <translation>Naam van de regel</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="75"/>
        <source>Referring physician</source>
        <translation>Aanvragende arts</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="76"/>
        <source>Or one of these physicians</source>
        <translation>Of een van deze artsen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="79"/>
        <source>Maximum age of the study</source>
        <translation>Maximale ouderdom van het onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Modalities</source>
        <translation>Modaliteiten</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Study description</source>
        <translation>Beschrijving onderzoek</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="78"/>
        <source>Institution</source>
        <translation>Instelling</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="78"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="84"/>
        <source>A study is sent when it meets every criterion given. Empty criteria match any study, but a rule needs at least one.</source>
        <translation>Een onderzoek wordt verstuurd als het aan alle opgegeven criteria voldoet. Een leeg criterium aanvaardt elk onderzoek, maar een regel heeft er minstens één nodig.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="91"/>
        <location filename="../../ui/rule_dialog.py" line="92"/>
        <source>Save the rule</source>
        <translation>Regel opslaan</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="116"/>
        <source>Choose the hospital the studies go to.</source>
        <translation>Kies het ziekenhuis waarnaar de onderzoeken gaan.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="119"/>
        <source>Give at least one criterion: a rule never sends every study.</source>
        <translation>Geef minstens één criterium: een regel verstuurt nooit alle onderzoeken.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="121"/>
        <source>Modalities are DICOM codes such as CT, MR, US, separated by commas.</source>
        <translation>Modaliteiten zijn DICOM-codes zoals CT, MR, US, gescheiden door komma&apos;s.</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../ui/rules_page.py" line="40"/>
        <location filename="../../ui/rules_page.py" line="51"/>
        <source>Routing rules</source>
        <translation>Routeringsregels</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Destination</source>
        <translation>Bestemming</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="53"/>
        <source>Criteria</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <location filename="../../ui/rules_page.py" line="110"/>
        <source>Enabled</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="41"/>
        <source>Studies of the PACS that meet a rule are sent to its hospital automatically, once each, as soon as they are complete. Every criterion given must hold.</source>
        <translation>Onderzoeken in het PACS die aan een regel voldoen, worden automatisch naar het ziekenhuis van die regel gestuurd, één keer, zodra ze volledig zijn. Alle opgegeven criteria moeten kloppen.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45"/>
        <source>No PACS is configured: the rules take effect once the PACS is set in Settings.</source>
        <translation>Er is geen PACS ingesteld: de regels werken zodra het PACS bij Instellingen is ingesteld.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="67"/>
        <source>No rule yet: studies are only sent by hand.</source>
        <translation>Nog geen regels: onderzoeken worden enkel met de hand verstuurd.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="69"/>
        <source>Add rule</source>
        <translation>Regel toevoegen</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="70"/>
        <source>Change</source>
        <translation>Wijzigen</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="100"/>
        <source>The rules could not be read.</source>
        <translation>De regels konden niet worden gelezen.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="128"/>
        <source>referring physician on the hospital&apos;s list</source>
        <translation>aanvragende arts op de lijst van het ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="131"/>
        <source>referring physician: {names}</source>
        <translation>aanvragende arts: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="133"/>
        <source>modality {list}</source>
        <translation>modaliteit {list}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="134"/>
        <source>description {pattern}</source>
        <translation>beschrijving {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="135"/>
        <source>institution {pattern}</source>
        <translation>instelling {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="136"/>
        <source>station {pattern}</source>
        <translation>station {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="140"/>
        <source>study at most {n} days old</source>
        <translation>onderzoek hoogstens {n} dagen oud</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="152"/>
        <source>Install the directory of the network first.</source>
        <translation>Installeer eerst de netwerkgids van het netwerk.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="170"/>
        <source>Saving...</source>
        <translation>Opslaan...</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="176"/>
        <source>The rule was not saved.</source>
        <translation>De regel werd niet opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="177"/>
        <source>Rule not saved</source>
        <translation>Regel niet opgeslagen</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="179"/>
        <source>Rule #{id} saved.</source>
        <translation>Regel nr. {id} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="186"/>
        <location filename="../../ui/rules_page.py" line="190"/>
        <source>Delete the rule</source>
        <translation>Regel verwijderen</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="187"/>
        <source>Delete the rule sending to {site}? Studies it already sent stay sent.</source>
        <translation>De regel die naar {site} stuurt verwijderen? Al verstuurde onderzoeken blijven verstuurd.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="209"/>
        <source>Rule not changed</source>
        <translation>Regel niet gewijzigd</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="71"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="79"/>
        <source>Search the local patients</source>
        <translation>Lokale patiënten zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="84"/>
        <source>YYYYMMDD</source>
        <translation>JJJJMMDD</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Family name</source>
        <translation>Familienaam</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Given name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>NISS</source>
        <translation>INSZ</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="92"/>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="96"/>
        <source>Patients found</source>
        <translation>Gevonden patiënten</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Sex</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Local id</source>
        <translation>Lokale id</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="107"/>
        <source>Link to this patient</source>
        <translation>Aan deze patiënt koppelen</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="121"/>
        <source>Searching...</source>
        <translation>Zoeken...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_dialogs.py" line="130"/>
        <source>%n patient(s) found</source>
        <translation>
            <numerusform>%n patiënt gevonden</numerusform>
            <numerusform>%n patiënten gevonden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../ui/send_dialog.py" line="20"/>
        <source>Send to {site}</source>
        <translation>Verzenden naar {site}</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="24"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Verzenden naar &lt;b&gt;{site}&lt;/b&gt;:</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="27"/>
        <source>(no name)</source>
        <translation>(geen naam)</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="30"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} files, {size}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (geboren {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} bestanden, {size}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="38"/>
        <source>In total: %n file(s)</source>
        <translation>
            <numerusform>In totaal: %n bestand</numerusform>
            <numerusform>In totaal: %n bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="41"/>
        <source>%n file(s) are not DICOM images and will be left out.</source>
        <translation>
            <numerusform>%n bestand is geen DICOM-beeld en wordt weggelaten.</numerusform>
            <numerusform>%n bestanden zijn geen DICOM-beelden en worden weggelaten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="45"/>
        <source>Only the first files were read for this summary; all will be sent.</source>
        <translation>Enkel de eerste bestanden werden gelezen voor dit overzicht; alle worden verzonden.</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="47"/>
        <location filename="../../ui/send_dialog.py" line="48"/>
        <source>Send</source>
        <translation>Verzenden</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="56"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57"/>
        <source>This appliance</source>
        <translation>Deze gateway</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="72"/>
        <source>A person confirms every new patient</source>
        <translation>Een persoon bevestigt elke nieuwe patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="73"/>
        <source>Create new patients automatically</source>
        <translation>Nieuwe patiënten automatisch aanmaken</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Site name</source>
        <translation>Naam van de site</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Our AE title</source>
        <translation>Onze AE-titel</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>DICOM port</source>
        <translation>DICOM-poort</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>Peer port (HTTPS)</source>
        <translation>Uitwisselingspoort (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>New patients</source>
        <translation>Nieuwe patiënten</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="80"/>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="87"/>
        <location filename="../../ui/settings_page.py" line="95"/>
        <source>DICOMweb address</source>
        <translation>DICOMweb-adres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="88"/>
        <source>Optional. When set, received studies are stored in the PACS with DICOMweb (STOW-RS) instead of C-STORE, and the PACS is searched with QIDO-RS when no AE title and host are given.</source>
        <translation>Optioneel. Indien ingevuld worden ontvangen onderzoeken via DICOMweb (STOW-RS) in de PACS opgeslagen in plaats van via C-STORE, en wordt de PACS via QIDO-RS doorzocht als er geen AE title en host zijn opgegeven.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="98"/>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106"/>
        <source>no limit</source>
        <translation>geen limiet</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Public address</source>
        <translation>Publiek adres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="109"/>
        <source>Directory address</source>
        <translation>Adres van de netwerkgids</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="110"/>
        <source>Bandwidth limit</source>
        <translation>Bandbreedtelimiet</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="113"/>
        <source>Changes take effect when the appliance restarts.</source>
        <translation>Wijzigingen gelden na een herstart van de gateway.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="114"/>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="115"/>
        <source>Save the settings</source>
        <translation>Instellingen opslaan</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="150"/>
        <source>Write a full address starting with http:// or https://.</source>
        <translation>Schrijf een volledig adres dat begint met http:// of https://.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="163"/>
        <location filename="../../ui/settings_page.py" line="171"/>
        <source>Settings not saved</source>
        <translation>Instellingen niet opgeslagen</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="174"/>
        <source>Saved. Restart the appliance to apply the changes.</source>
        <translation>Opgeslagen. Herstart de gateway om de wijzigingen toe te passen.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="42"/>
        <source>Name this appliance</source>
        <translation>Geef deze gateway een naam</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="43"/>
        <source>The other hospitals see this name. The DICOM settings are those your PACS will use to send studies to Passerelle.</source>
        <translation>De andere ziekenhuizen zien deze naam. De DICOM-instellingen zijn die welke uw PACS gebruikt om onderzoeken naar Passerelle te sturen.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="46"/>
        <source>e.g. CHR Citadelle</source>
        <translation>bv. AZ Sint-Jan</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Site name</source>
        <translation>Naam van de site</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Our AE title</source>
        <translation>Onze AE-titel</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>DICOM port</source>
        <translation>DICOM-poort</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>Peer port (HTTPS)</source>
        <translation>Uitwisselingspoort (HTTPS)</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <location filename="../../ui/sites_page.py" line="45"/>
        <source>valid</source>
        <translation>geldig</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="46"/>
        <source>expired, grace period: install a fresh directory</source>
        <translation>verlopen, respijtperiode: installeer een recente gids</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="47"/>
        <source>expired: outgoing transfers are stopped</source>
        <translation>verlopen: uitgaande overdrachten zijn gestopt</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="59"/>
        <source>yesterday at {time}</source>
        <translation>gisteren om {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="154"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="155"/>
        <source>Directory of the network</source>
        <translation>Netwerkgids</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>This site</source>
        <translation>Deze site</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>Our fingerprint</source>
        <translation>Onze vingerafdruk</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Directory version</source>
        <translation>Versie van de gids</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Valid until</source>
        <translation>Geldig tot</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Operator fingerprint</source>
        <translation>Vingerafdruk van de beheerder</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Warnings</source>
        <translation>Waarschuwingen</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="166"/>
        <source>To send a study, drag its files, its folder or its DICOMDIR onto a hospital.</source>
        <translation>Om een onderzoek te verzenden, sleept u de bestanden, de map of de DICOMDIR naar een ziekenhuis.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="168"/>
        <source>Check the connections now</source>
        <translation>Verbindingen nu controleren</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="177"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>Er staat nog geen ziekenhuis in de lijst: installeer de netwerkgids.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="194"/>
        <source>not installed</source>
        <translation>niet geïnstalleerd</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="198"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="228"/>
        <source>Connections not checked</source>
        <translation>Verbindingen niet gecontroleerd</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="234"/>
        <source>Reading the files...</source>
        <translation>Bestanden lezen...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="243"/>
        <source>The files could not be read.</source>
        <translation>De bestanden konden niet gelezen worden.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="244"/>
        <source>Files not sent</source>
        <translation>Bestanden niet verzonden</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="246"/>
        <source>{n} studies, {size}</source>
        <translation>{n} onderzoeken, {size}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="259"/>
        <source>Queuing...</source>
        <translation>In de wachtrij zetten...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="268"/>
        <source>Not sent.</source>
        <translation>Niet verzonden.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="269"/>
        <source>Study not sent</source>
        <translation>Onderzoek niet verzonden</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="273"/>
        <source>%n study(ies) queued</source>
        <translation>
            <numerusform>%n onderzoek in de wachtrij</numerusform>
            <numerusform>%n onderzoeken in de wachtrij</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="275"/>
        <source>%n already sent</source>
        <translation>
            <numerusform>%n al verzonden</numerusform>
            <numerusform>%n al verzonden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../ui/text.py" line="19"/>
        <source>{size}/s</source>
        <translation>{size}/s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="27"/>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="30"/>
        <source>{m} min {s:02d} s</source>
        <translation>{m} min {s:02d} s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="31"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} u {m:02d} min</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="49"/>
        <source>Male</source>
        <translation>Man</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="50"/>
        <source>Female</source>
        <translation>Vrouw</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="51"/>
        <source>Other</source>
        <translation>Ander</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52"/>
        <source>Unknown</source>
        <translation>Onbekend</translation>
    </message>
</context>
<context>
    <name>TransferStates</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="50"/>
        <source>Waiting to send</source>
        <translation>Wacht op verzending</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="51"/>
        <source>Sending</source>
        <translation>Bezig met verzenden</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="52"/>
        <source>Receiving</source>
        <translation>Bezig met ontvangen</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="53"/>
        <source>Waiting for patient confirmation</source>
        <translation>Wacht op bevestiging van de patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="54"/>
        <source>Storing in the PACS</source>
        <translation>Opslaan in het PACS</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="55"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="56"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="68"/>
        <source>Waiting to try again</source>
        <translation>Wacht op een nieuwe poging</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="69"/>
        <source>Receiving paused: storage full</source>
        <translation>Ontvangst gepauzeerd: opslag vol</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Direction</source>
        <translation>Richting</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Time left</source>
        <translation>Resterende tijd</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="62"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="176"/>
        <source>Outbound</source>
        <translation>Uitgaand</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="177"/>
        <source>Inbound</source>
        <translation>Inkomend</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="186"/>
        <source>{done} of {total}</source>
        <translation>{done} van {total}</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="229"/>
        <location filename="../../ui/transfers_page.py" line="250"/>
        <source>Transfers</source>
        <translation>Overdrachten</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="240"/>
        <source>&amp;Retry</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="241"/>
        <source>&amp;Cancel transfer</source>
        <translation>Overdracht &amp;annuleren</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="268"/>
        <source>{active} in progress, {failed} failed</source>
        <translation>{active} bezig, {failed} mislukt</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="312"/>
        <source>Transfer not changed</source>
        <translation>Overdracht niet gewijzigd</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="115"/>
        <source>Trust the network</source>
        <translation>Het netwerk vertrouwen</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="127"/>
        <source>Operator root key</source>
        <translation>Hoofdsleutel van de beheerder</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="139"/>
        <location filename="../../ui/wizard.py" line="163"/>
        <source>Directory file</source>
        <translation>Gidsbestand</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="132"/>
        <location filename="../../ui/wizard.py" line="140"/>
        <source>Browse...</source>
        <translation>Bladeren...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="116"/>
        <source>Enter the operator&apos;s root key, or choose the root set file (ROOTS.json) if the operator gave you one, and choose the signed directory file you received. You can also do this later.</source>
        <translation>Geef de hoofdsleutel van de beheerder in, of kies het bestand met hoofdsleutels (ROOTS.json) als de beheerder u er een gaf, en kies het ondertekende gidsbestand dat u ontving. U kunt dit ook later doen.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="119"/>
        <source>One root key</source>
        <translation>Eén hoofdsleutel</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="120"/>
        <source>A root set file (ROOTS.json)</source>
        <translation>Een bestand met hoofdsleutels (ROOTS.json)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="128"/>
        <source>the text the operator gave you (base64)</source>
        <translation>de tekst die de beheerder u gaf (base64)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="130"/>
        <source>Root set file</source>
        <translation>Bestand met hoofdsleutels</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="133"/>
        <source>Choose the root set file</source>
        <translation>Het bestand met hoofdsleutels kiezen</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="135"/>
        <source>The file lists the operator&apos;s root keys and how many of them must sign the directory together.</source>
        <translation>Het bestand bevat de hoofdsleutels van de beheerder en hoeveel ervan de netwerkgids samen moeten ondertekenen.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="141"/>
        <source>Choose the directory file</source>
        <translation>Gidsbestand kiezen</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="143"/>
        <source>Trust and install</source>
        <translation>Vertrouwen en installeren</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="149"/>
        <source>Installing the directory from here is not available in this version; use `passerelle trust` and `passerelle directory install`.</source>
        <translation>De gids installeren vanaf dit scherm is niet beschikbaar in deze versie; gebruik `passerelle trust` en `passerelle directory install`.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="158"/>
        <source>Operator root</source>
        <translation>Hoofdsleutel van de beheerder</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="178"/>
        <source>Signed directory</source>
        <translation>Ondertekende gids</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="183"/>
        <source>Root set of the operator</source>
        <translation>Hoofdsleutels van de beheerder</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="199"/>
        <source>Checking the signatures...</source>
        <translation>Handtekeningen controleren...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="209"/>
        <source>The network is trusted.</source>
        <translation>Het netwerk wordt vertrouwd.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <location filename="../../ui/app.py" line="81"/>
        <source>demo — its PACS is a stand-in archive, not a PACS</source>
        <translation>demo — het PACS is een demonstratiearchief, geen echt PACS</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="82"/>
        <source>demo</source>
        <translation>demo</translation>
    </message>
</context>
</TS>
