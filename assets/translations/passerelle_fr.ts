<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/journal_page.py" line="33"/>
        <source>Patient decision</source>
        <translation>Décision patient</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="34"/>
        <source>Decision undone</source>
        <translation>Décision annulée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="35"/>
        <source>Study queued for sending</source>
        <translation>Examen mis en file d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="36"/>
        <source>Routing rule added</source>
        <translation>Règle de routage ajoutée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="37"/>
        <source>Routing rule deleted</source>
        <translation>Règle de routage supprimée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="38"/>
        <source>Routing rule switched on</source>
        <translation>Règle de routage activée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="39"/>
        <source>Routing rule switched off</source>
        <translation>Règle de routage désactivée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="40"/>
        <source>Study stored in the PACS</source>
        <translation>Examen enregistré dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="43"/>
        <source>linked to {id}</source>
        <translation>lié à {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="44"/>
        <source>new patient</source>
        <translation>nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="45"/>
        <source>waiting for a person</source>
        <translation>en attente d&apos;une personne</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="46"/>
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="51"/>
        <source>Passerelle (automatic)</source>
        <translation>Passerelle (automatique)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="52"/>
        <source>Technician (rules)</source>
        <translation>Technicien (règles)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="75"/>
        <source>rule #{id}</source>
        <translation>règle n° {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="79"/>
        <source>{files} files to {site}</source>
        <translation>{files} fichiers vers {site}</translation>
    </message>
</context>
<context>
    <name>EngineReasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="87"/>
        <source>delivered: signed receipt stored</source>
        <translation>livré : accusé de réception signé enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="88"/>
        <source>received: awaiting reconciliation</source>
        <translation>reçu : en attente de réconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="89"/>
        <source>nothing to store</source>
        <translation>rien à enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="90"/>
        <source>reconciled; no PACS configured to store into</source>
        <translation>réconcilié ; aucun PACS configuré pour l&apos;enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="91"/>
        <source>preparing the files for the PACS</source>
        <translation>préparation des fichiers pour le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="92"/>
        <source>rejected at review: not stored in the PACS</source>
        <translation>refusé lors de la vérification : non enregistré dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="93"/>
        <source>the transfer has no files</source>
        <translation>le transfert ne contient aucun fichier</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="94"/>
        <source>the peer no longer knows this session</source>
        <translation>l&apos;autre passerelle ne connaît plus cette session</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="95"/>
        <source>the receiver holds every chunk but has not issued its receipt yet</source>
        <translation>le destinataire a tout reçu mais n&apos;a pas encore envoyé son accusé de réception</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="96"/>
        <source>no valid directory installed: run `passerelle directory install`</source>
        <translation>aucun annuaire valide installé : installez l&apos;annuaire du réseau</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="97"/>
        <source>directory expired beyond its grace: new outgoing transfers are stopped</source>
        <translation>annuaire expiré (délai de grâce dépassé) : les nouveaux envois sont arrêtés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="98"/>
        <source>no directory installed: run `passerelle directory install SIGNED.json`</source>
        <translation>aucun annuaire installé : installez l&apos;annuaire signé du réseau</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="99"/>
        <source>directory expired: new outgoing transfers are stopped until a fresh one is installed</source>
        <translation>annuaire expiré : les nouveaux envois sont arrêtés jusqu&apos;à l&apos;installation d&apos;un annuaire à jour</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="101"/>
        <source>directory expired (grace period): install a fresh one before outgoing transfers stop</source>
        <translation>annuaire expiré (délai de grâce) : installez-en un à jour avant l&apos;arrêt des envois</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="103"/>
        <source>this site is not listed in the installed directory: peers will refuse it</source>
        <translation>ce site ne figure pas dans l&apos;annuaire installé : les autres hôpitaux le refuseront</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="104"/>
        <source>this site is revoked in the directory</source>
        <translation>ce site est révoqué dans l&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="105"/>
        <source>the directory lists no endpoint for this site</source>
        <translation>l&apos;annuaire ne donne aucune adresse pour ce site</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="106"/>
        <source>unknown or expired session</source>
        <translation>session inconnue ou expirée</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="107"/>
        <source>manifest signature does not match the sender&apos;s directory key</source>
        <translation>la signature du manifeste ne correspond pas à la clé de l&apos;expéditeur dans l&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="108"/>
        <source>paused: receiver storage full, waiting for free space</source>
        <translation>en pause : le stockage de cette passerelle est plein, en attente d&apos;espace libre</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="109"/>
        <source>receiver storage full, retry later</source>
        <translation>le stockage de l&apos;autre passerelle est plein ; nouvel essai plus tard</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="110"/>
        <source>receiver cannot store now, retry later</source>
        <translation>l&apos;autre passerelle ne peut pas enregistrer pour l&apos;instant ; nouvel essai plus tard</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="111"/>
        <source>nothing new to store: every file arrived earlier and was stored in the PACS or rejected</source>
        <translation>rien de nouveau à enregistrer : chaque fichier est déjà arrivé et a été enregistré dans le PACS ou refusé</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="113"/>
        <source>cancelled by the sending site</source>
        <translation>annulé par l&apos;hôpital expéditeur</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="119"/>
        <source>will try again: {detail}</source>
        <translation>nouvel essai prévu : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="121"/>
        <source>waiting for a person to confirm the patient: {why}</source>
        <translation>en attente de la confirmation du patient par une personne : {why}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="123"/>
        <source>cancelled by {who}</source>
        <translation>annulé par {who}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="125"/>
        <source>storing into the PACS ({via})</source>
        <translation>enregistrement dans le PACS ({via})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="127"/>
        <source>the PACS was not reached or is not complete (attempt {n}); next try in {s} s: {detail}</source>
        <translation>le PACS n&apos;a pas répondu ou n&apos;a pas tout reçu (essai {n}) ; nouvel essai dans {s} s : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="130"/>
        <source>reconciliation or storing in the PACS failed ({kind}); the files are kept</source>
        <translation>échec de la réconciliation ou de l&apos;enregistrement dans le PACS ({kind}) ; les fichiers sont conservés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="133"/>
        <source>{site} is no longer a member of the network (directory)</source>
        <translation>{site} ne fait plus partie du réseau (annuaire)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="135"/>
        <source>{site} is not a member of the network (directory)</source>
        <translation>{site} ne fait pas partie du réseau (annuaire)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="137"/>
        <source>the directory gives no address for {site}</source>
        <translation>l&apos;annuaire ne donne aucune adresse pour {site}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="139"/>
        <source>an image of the study is no longer on the appliance ({uid})</source>
        <translation>une image de l&apos;examen n&apos;est plus sur la passerelle ({uid})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="141"/>
        <source>the other appliance still misses {n} pieces after {rounds} rounds</source>
        <translation>il manque encore {n} morceaux à l&apos;autre passerelle après {rounds} tours</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="143"/>
        <source>the other appliance does not answer ({url})</source>
        <translation>l&apos;autre passerelle ne répond pas ({url})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="145"/>
        <source>{site} refused the connection: {detail}</source>
        <translation>{site} a refusé la connexion : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="147"/>
        <source>{site} answered the connection with an error (HTTP {status}): {detail}</source>
        <translation>{site} a répondu à la connexion par une erreur (HTTP {status}) : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="149"/>
        <source>the other appliance answered with an error (HTTP {status}): {detail}</source>
        <translation>l&apos;autre passerelle a répondu par une erreur (HTTP {status}) : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="151"/>
        <source>the answer of the other appliance failed verification: {detail}</source>
        <translation>la réponse de l&apos;autre passerelle n&apos;a pas passé la vérification : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="153"/>
        <source>internal error ({kind}): see the log</source>
        <translation>erreur interne ({kind}) : voir le journal technique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="155"/>
        <source>the study was addressed to another site ({site})</source>
        <translation>l&apos;examen était adressé à un autre site ({site})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="157"/>
        <source>the installed directory is refused: {detail}</source>
        <translation>l&apos;annuaire installé est refusé : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="159"/>
        <source>the directory could not be refreshed from {url} ({detail}); the installed one is kept</source>
        <translation>l&apos;annuaire n&apos;a pas pu être mis à jour depuis {url} ({detail}) ; celui qui est installé est conservé</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="163"/>
        <source>this appliance&apos;s storage is full ({free} MiB free, {needed} MiB needed): incoming transfers are paused until space is freed</source>
        <translation>le stockage de cette passerelle est plein ({free} Mio libres, {needed} Mio nécessaires) : les réceptions sont en pause jusqu&apos;à ce que de l&apos;espace soit libéré</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="166"/>
        <source>operator root pinned: {n} root key(s), {t} must sign together</source>
        <translation>racine de l&apos;opérateur enregistrée : {n} clé(s) racine, {t} doivent signer ensemble</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="168"/>
        <source>directory version {v} installed: {n} sites</source>
        <translation>annuaire version {v} installé : {n} sites</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="170"/>
        <source>abandoned: nothing came from the sending hospital for {days} days</source>
        <translation>abandonné : rien n&apos;est venu de l&apos;hôpital expéditeur depuis {days} jours</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="172"/>
        <source>no answer within {s} s</source>
        <translation>aucune réponse en {s} s</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="174"/>
        <source>answered HTTP {status}: a proxy or another server, not a Passerelle appliance</source>
        <translation>réponse HTTP {status} : un proxy ou un autre serveur, pas une passerelle Passerelle</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="19"/>
        <source>This hospital is not in the directory of the network. Ask your PACS technician.</source>
        <translation>Cet hôpital ne figure pas dans l&apos;annuaire du réseau. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Some files are not medical images (DICOM) and were set aside.</source>
        <translation>Certains fichiers ne sont pas des images médicales (DICOM) et ont été mis de côté.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>The disk of the appliance is full. Work is paused until space is freed.</source>
        <translation>Le disque de la passerelle est plein. Le travail est suspendu jusqu&apos;à ce que de la place soit libérée.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>The appliance is not configured correctly. Ask your PACS technician.</source>
        <translation>La passerelle n&apos;est pas configurée correctement. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>The appliance could not save its work. Ask your PACS technician.</source>
        <translation>La passerelle n&apos;a pas pu enregistrer son travail. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>The PACS did not answer as expected.</source>
        <translation>Le PACS n&apos;a pas répondu comme prévu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>The other side cannot be reached right now. It will be tried again.</source>
        <translation>L&apos;autre côté est injoignable pour le moment. Une nouvelle tentative sera faite.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>The other hospital&apos;s appliance refused the exchange.</source>
        <translation>La passerelle de l&apos;autre hôpital a refusé l&apos;échange.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>A file or folder could not be read.</source>
        <translation>Un fichier ou un dossier n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>This could not be done with what was given. The appliance says: {message}</source>
        <translation>Ceci n&apos;a pas pu être fait avec les informations données. La passerelle répond (en anglais) : {message}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Something went wrong. The details are for your PACS technician.</source>
        <translation>Un problème est survenu. Les détails sont destinés à votre technicien PACS.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="235"/>
        <source>Passerelle: first start</source>
        <translation>Passerelle : premier démarrage</translation>
    </message>
</context>
<context>
    <name>HospitalCard</name>
    <message>
        <location filename="../../ui/sites_page.py" line="86"/>
        <source>Hospital {name}: drop studies here to send them</source>
        <translation>Hôpital {name} : déposez des examens ici pour les envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="114"/>
        <source>● not reachable</source>
        <translation>● injoignable</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="93"/>
        <source>Fingerprint: {fp}</source>
        <translation>Empreinte : {fp}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="97"/>
        <source>Drop studies here</source>
        <translation>Déposez des examens ici</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="107"/>
        <source>● reachable (checked {when})</source>
        <translation>● joignable (vérification : {when})</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="110"/>
        <source>● not checked yet</source>
        <translation>● pas encore vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="112"/>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>last seen {when}</source>
        <translation>vu pour la dernière fois {when}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>never seen</source>
        <translation>jamais joint</translation>
    </message>
</context>
<context>
    <name>HospitalTarget</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="88"/>
        <source>Send the selected study to {name}</source>
        <translation>Envoyer l&apos;examen choisi à {name}</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/journal_page.py" line="90"/>
        <source>Export the journal</source>
        <translation>Exporter le journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="105"/>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="108"/>
        <location filename="../../ui/journal_page.py" line="125"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="108"/>
        <location filename="../../ui/journal_page.py" line="125"/>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="114"/>
        <location filename="../../ui/journal_page.py" line="126"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="116"/>
        <location filename="../../ui/journal_page.py" line="126"/>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="118"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="121"/>
        <source>Search (study, transfer, patient id)</source>
        <translation>Rechercher (examen, transfert, id patient)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="122"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="131"/>
        <source>Journal entries</source>
        <translation>Entrées du journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="140"/>
        <source>&amp;Export to CSV...</source>
        <translation>&amp;Exporter en CSV...</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="141"/>
        <source>Export to CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="175"/>
        <source>The journal could not be read.</source>
        <translation>Le journal n&apos;a pas pu être lu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="187"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="199"/>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="201"/>
        <source>%n entries exported</source>
        <translation>
            <numerusform>%n entrée exportée</numerusform>
            <numerusform>%n entrées exportées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="78"/>
        <source>Keys of this appliance</source>
        <translation>Clés de cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="79"/>
        <source>Passerelle creates the keys that prove who this appliance is. They never leave it.</source>
        <translation>Passerelle crée les clés qui prouvent l&apos;identité de cette passerelle. Elles ne la quittent jamais.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="84"/>
        <source>Read this fingerprint aloud to the network operator when you register the site.</source>
        <translation>Lisez cette empreinte à voix haute à l&apos;opérateur du réseau lors de l&apos;enregistrement du site.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="94"/>
        <source>Creating the keys...</source>
        <translation>Création des clés...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="101"/>
        <source>Keys created. Site id: {id}</source>
        <translation>Clés créées. Identifiant du site : {id}</translation>
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
        <translation>Réconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>PACS search</source>
        <translation>Recherche PACS</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="183"/>
        <source>(%n waiting)</source>
        <translation>
            <numerusform>(%n en attente)</numerusform>
            <numerusform>(%n en attente)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Passerelle: %n patient(s) waiting</source>
        <translation>
            <numerusform>Passerelle : %n patient en attente</numerusform>
            <numerusform>Passerelle : %n patients en attente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Patients to confirm</source>
        <translation>Patients à confirmer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="188"/>
        <source>%n patient(s) wait for confirmation.</source>
        <translation>
            <numerusform>%n patient attend une confirmation.</numerusform>
            <numerusform>%n patients attendent une confirmation.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Engine not answering</source>
        <translation>Le moteur ne répond pas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Engine: {state}</source>
        <translation>Moteur : {state}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>Transfer failed</source>
        <translation>Échec d&apos;un envoi</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="222"/>
        <source>%n transfer(s) failed.</source>
        <translation>
            <numerusform>%n envoi a échoué.</numerusform>
            <numerusform>%n envois ont échoué.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Open Passerelle</source>
        <translation>Ouvrir Passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>Passerelle keeps working</source>
        <translation>Passerelle continue de travailler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Transfers continue in the background. Open from the tray icon.</source>
        <translation>Les envois continuent en arrière-plan. Rouvrez la fenêtre depuis l&apos;icône de la barre des tâches.</translation>
    </message>
</context>
<context>
    <name>PacsForm</name>
    <message>
        <location filename="../../ui/pacs_form.py" line="33"/>
        <source>Test the connection (C-ECHO)</source>
        <translation>Tester la connexion (C-ECHO)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="34"/>
        <source>Test the connection to the PACS</source>
        <translation>Tester la connexion au PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="40"/>
        <source>The connection test is not available in this version.</source>
        <translation>Le test de connexion n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS host name or address</source>
        <translation>Nom ou adresse du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="45"/>
        <source>PACS port</source>
        <translation>Port du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="66"/>
        <source>Fill in the AE title and the host first.</source>
        <translation>Remplissez d&apos;abord l&apos;AE title et l&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="69"/>
        <source>Testing...</source>
        <translation>Test en cours...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="76"/>
        <source>The PACS answered.</source>
        <translation>Le PACS a répondu.</translation>
    </message>
</context>
<context>
    <name>PacsPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="215"/>
        <source>Your PACS</source>
        <translation>Votre PACS</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="216"/>
        <source>Where Passerelle stores received studies and finds studies to send. Test the connection before you finish.</source>
        <translation>Là où Passerelle range les examens reçus et trouve les examens à envoyer. Testez la connexion avant de terminer.</translation>
    </message>
</context>
<context>
    <name>PacsSearchPage</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="153"/>
        <source>Search the PACS</source>
        <translation>Rechercher dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="155"/>
        <source>No PACS is configured: set it in Settings to search it from here.</source>
        <translation>Aucun PACS n&apos;est configuré : indiquez-le dans les Paramètres pour y chercher d&apos;ici.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="160"/>
        <source>Find a study</source>
        <translation>Trouver un examen</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="163"/>
        <source>e.g. Dupont or DUPONT^Marie</source>
        <translation>p. ex. Dupont ou DUPONT^Marie</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="167"/>
        <source>Any</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="170"/>
        <source>Study between</source>
        <translation>Examen entre le</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="180"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <source>Accession number</source>
        <translation>N° d&apos;accession</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Modality</source>
        <translation>Modalité</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="200"/>
        <source>and</source>
        <translation>et le</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="211"/>
        <source>Studies found in the PACS</source>
        <translation>Examens trouvés dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Born</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Study date</source>
        <translation>Date de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Accession</source>
        <translation>Accession</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="214"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="221"/>
        <source>Send the selected study to (click, or drag the study onto a hospital)</source>
        <translation>Envoyer l&apos;examen choisi à (cliquez, ou glissez l&apos;examen sur un hôpital)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="223"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>Aucun hôpital n&apos;est encore listé : installez l&apos;annuaire du réseau.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="276"/>
        <source>Searching the PACS...</source>
        <translation>Recherche dans le PACS...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="282"/>
        <source>The search did not work.</source>
        <translation>La recherche n&apos;a pas abouti.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="283"/>
        <source>PACS search</source>
        <translation>Recherche PACS</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="286"/>
        <source>%n study(ies) found.</source>
        <translation>
            <numerusform>%n examen trouvé.</numerusform>
            <numerusform>%n examens trouvés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="287"/>
        <source>No study matches. Check the spelling or widen the dates.</source>
        <translation>Aucun examen ne correspond. Vérifiez l&apos;orthographe ou élargissez les dates.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="331"/>
        <source>Retrieving the study of {patient} from the PACS for {site}...</source>
        <translation>Récupération de l&apos;examen de {patient} dans le PACS pour {site}...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="338"/>
        <source>Not sent.</source>
        <translation>Non envoyé.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="339"/>
        <source>Study not sent</source>
        <translation>Examen non envoyé</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="342"/>
        <source>This study was already sent to {site}.</source>
        <translation>Cet examen a déjà été envoyé à {site}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="344"/>
        <source>Queued for {site}: %n image(s). Follow it on the Transfers page.</source>
        <translation>
            <numerusform>Envoi prévu vers {site} : %n image. Suivez-le dans la page Transferts.</numerusform>
            <numerusform>Envoi prévu vers {site} : %n images. Suivez-le dans la page Transferts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacsSendDialog</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="112"/>
        <source>Send to {site}</source>
        <translation>Envoyer à {site}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="116"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Envoyer à &lt;b&gt;{site}&lt;/b&gt; :</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="117"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="120"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth}, id {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} series, {images} images, accession {accession}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (né(e) le {birth}, ID {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} séries, {images} images, accession {accession}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="130"/>
        <source>The appliance first retrieves the study from the PACS, then sends it. Follow it on the Transfers page.</source>
        <translation>La passerelle récupère d&apos;abord l&apos;examen dans le PACS, puis l&apos;envoie. Suivez-le dans la page Transferts.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="135"/>
        <location filename="../../ui/pacs_search_page.py" line="136"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="13"/>
        <source>NISS identical</source>
        <translation>NISS identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="14"/>
        <source>NISS different (valid numbers of two different people)</source>
        <translation>NISS différent (numéros valides de deux personnes différentes)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="15"/>
        <source>NISS differs by one typing error</source>
        <translation>NISS différent d&apos;une faute de frappe</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="16"/>
        <source>NISS invalid (check digits) on one side</source>
        <translation>NISS invalide (chiffres de contrôle) d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="17"/>
        <source>NISS missing on one side</source>
        <translation>NISS absent d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="18"/>
        <source>birth date identical</source>
        <translation>date de naissance identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="19"/>
        <source>birth date partially known and compatible</source>
        <translation>date de naissance partiellement connue et compatible</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="20"/>
        <source>birth date: day and month swapped</source>
        <translation>date de naissance : jour et mois inversés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="21"/>
        <source>birth date differs in one part</source>
        <translation>date de naissance différente sur un élément</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="22"/>
        <source>birth date different in the same year</source>
        <translation>date de naissance différente dans la même année</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="23"/>
        <source>birth date different</source>
        <translation>date de naissance différente</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="24"/>
        <source>birth date missing on one side</source>
        <translation>date de naissance absente d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="25"/>
        <source>birth date partial or mistyped, but the NISS carries the local birth date</source>
        <translation>date de naissance partielle ou mal tapée, mais le NISS contient la date de naissance locale</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="26"/>
        <source>sex identical</source>
        <translation>sexe identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="27"/>
        <source>sex different</source>
        <translation>sexe différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="28"/>
        <source>sex missing or unknown on one side</source>
        <translation>sexe absent ou inconnu d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="29"/>
        <source>family name identical</source>
        <translation>nom identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="30"/>
        <source>family name identical apart from spaces in particles</source>
        <translation>nom identique aux espaces des particules près</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="31"/>
        <source>family name identical apart from a particle</source>
        <translation>nom identique à une particule près</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="32"/>
        <source>family name shares one part of a double name</source>
        <translation>nom partageant une partie d&apos;un nom double</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="33"/>
        <source>family name similar</source>
        <translation>nom semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="34"/>
        <source>family name somewhat similar</source>
        <translation>nom assez semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="35"/>
        <source>family name different</source>
        <translation>nom différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="36"/>
        <source>family name missing on one side</source>
        <translation>nom absent d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="37"/>
        <source>given names identical</source>
        <translation>prénoms identiques</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="38"/>
        <source>first given name identical</source>
        <translation>premier prénom identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="39"/>
        <source>one of the given names identical</source>
        <translation>un des prénoms identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="40"/>
        <source>given name matches an initial only</source>
        <translation>prénom correspondant à une initiale seulement</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="41"/>
        <source>given name similar</source>
        <translation>prénom semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="42"/>
        <source>given name somewhat similar</source>
        <translation>prénom assez semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="43"/>
        <source>given name different</source>
        <translation>prénom différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="44"/>
        <source>given name missing on one side</source>
        <translation>prénom absent d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="45"/>
        <source>family and given names swapped</source>
        <translation>nom et prénom inversés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="46"/>
        <source>manual decision</source>
        <translation>décision manuelle</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="52"/>
        <source>possible twin: same family name, birth date and sex but another given name</source>
        <translation>jumeau possible : même nom, même date de naissance et même sexe, mais un autre prénom</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="53"/>
        <source>another local record has the same name and birth date</source>
        <translation>un autre dossier local a le même nom et la même date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="54"/>
        <source>same name and birth date but a different NISS</source>
        <translation>même nom et même date de naissance, mais un NISS différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="55"/>
        <source>the incoming NISS disagrees with the incoming birth date or sex</source>
        <translation>le NISS reçu ne correspond pas à la date de naissance ou au sexe reçus</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="56"/>
        <source>the NISS disagrees with the local record&apos;s birth date or sex</source>
        <translation>le NISS ne correspond pas à la date de naissance ou au sexe du dossier local</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="57"/>
        <source>two local records share this NISS</source>
        <translation>deux dossiers locaux ont ce NISS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="58"/>
        <source>the incoming NISS belongs to another local record (relative?)</source>
        <translation>le NISS reçu appartient à un autre dossier local (un proche ?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="59"/>
        <source>newborn without NISS</source>
        <translation>nouveau-né sans NISS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="60"/>
        <source>another local record has the same name and sex but another birth date (parent or child?)</source>
        <translation>un autre dossier local a le même nom et le même sexe mais une autre date de naissance (parent ou enfant ?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="62"/>
        <source>the name carries a generation suffix (junior/senior)</source>
        <translation>le nom porte un suffixe de génération (junior/senior)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="63"/>
        <source>another local record has the name and birth date that were sent</source>
        <translation>un autre dossier local porte le nom et la date de naissance envoyés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="65"/>
        <source>no plausible local record</source>
        <translation>aucun dossier local plausible</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="66"/>
        <source>a new patient record must be confirmed by a person (site policy)</source>
        <translation>un nouveau dossier patient doit être confirmé par une personne (règle du site)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="67"/>
        <source>all rules for an automatic link hold</source>
        <translation>toutes les règles d&apos;un lien automatique sont remplies</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="68"/>
        <source>no plausible local record: new patient</source>
        <translation>aucun dossier local plausible : nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="69"/>
        <source>score below the automatic link threshold</source>
        <translation>score sous le seuil du lien automatique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="70"/>
        <source>the next candidate scores too close</source>
        <translation>le candidat suivant a un score trop proche</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="71"/>
        <source>birth date not identical</source>
        <translation>date de naissance pas identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="72"/>
        <source>NISS different</source>
        <translation>NISS différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="73"/>
        <source>names not close enough for an automatic link</source>
        <translation>noms pas assez proches pour un lien automatique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="74"/>
        <source>names swapped: a person must confirm</source>
        <translation>nom et prénom inversés : une personne doit confirmer</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="76"/>
        <source>the study&apos;s files name more than one patient</source>
        <translation>les fichiers de l&apos;examen désignent plus d&apos;un patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="77"/>
        <source>another part of this study was stored for another patient</source>
        <translation>une autre partie de cet examen a été enregistrée pour un autre patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="78"/>
        <source>another part of this study was rejected at review</source>
        <translation>une autre partie de cet examen a été refusée lors de la vérification</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="79"/>
        <source>another part of this study was stored for this local record, under the same patient data</source>
        <translation>une autre partie de cet examen a été enregistrée pour ce dossier local, avec les mêmes données patient</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals.py" line="17"/>
        <source>this incoming transfer never arrived whole: there is nothing to store; only the sending site can send it again</source>
        <translation>cet envoi reçu n&apos;est jamais arrivé en entier : il n&apos;y a rien à enregistrer ; seul l&apos;hôpital expéditeur peut l&apos;envoyer à nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="25"/>
        <source>this study&apos;s files name more than one patient: every file would be stored under the chosen record, so it can only be rejected; ask the sending site to correct it</source>
        <translation>les fichiers de cet examen désignent plus d&apos;un patient : tous les fichiers seraient enregistrés sous le dossier choisi, l&apos;examen ne peut donc qu&apos;être refusé ; demandez à l&apos;hôpital expéditeur de le corriger</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="28"/>
        <source>a manual decision needs the name of the person who takes it</source>
        <translation>une décision manuelle doit porter le nom de la personne qui la prend</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29"/>
        <source>choose a patient of the local index to link to</source>
        <translation>choisissez un patient local auquel lier l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="30"/>
        <source>a rejected study needs a reason</source>
        <translation>un examen refusé doit avoir une raison</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="31"/>
        <source>undoing a decision needs the name of the person who does it</source>
        <translation>l&apos;annulation d&apos;une décision doit porter le nom de la personne qui l&apos;annule</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="32"/>
        <source>give at least a name, a birth date or a NISS to search</source>
        <translation>indiquez au moins un nom, une date de naissance ou un NISS pour rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33"/>
        <source>this patient has already been handled (by someone else or an earlier action)</source>
        <translation>ce patient a déjà été traité (par quelqu&apos;un d&apos;autre ou par une action précédente)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34"/>
        <source>this decision cannot be undone (it is not the latest manual decision)</source>
        <translation>cette décision ne peut pas être annulée (ce n&apos;est pas la dernière décision manuelle)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="35"/>
        <source>this study has already been sent to the PACS; the decision can no longer be undone</source>
        <translation>cet examen a déjà été envoyé au PACS ; la décision ne peut plus être annulée</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="37"/>
        <source>another part of this study is already stored for another local record: link to that record or reject</source>
        <translation>une autre partie de cet examen est déjà enregistrée pour un autre dossier local : liez l&apos;examen à ce dossier ou refusez-le</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40"/>
        <source>give a patient name, a patient id, an accession number or a date</source>
        <translation>indiquez un nom de patient, un ID patient, un n° d&apos;accession ou une date</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41"/>
        <source>the first date is after the last one</source>
        <translation>la première date est postérieure à la dernière</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="42"/>
        <source>a modality is a DICOM code such as CT, MR, US</source>
        <translation>une modalité est un code DICOM comme CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="43"/>
        <source>the PACS does not hold this study (any more): search again</source>
        <translation>le PACS ne contient pas (plus) cet examen : relancez la recherche</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44"/>
        <source>no PACS is configured on this appliance: set it in the settings first</source>
        <translation>aucun PACS n&apos;est configuré sur cette passerelle : indiquez-le d&apos;abord dans les Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47"/>
        <source>no DICOM file found</source>
        <translation>aucun fichier DICOM trouvé</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48"/>
        <source>a study cannot be sent to this site itself</source>
        <translation>un examen ne peut pas être envoyé à cet hôpital-ci</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="49"/>
        <source>--modality takes DICOM modality codes such as CT, MR, US</source>
        <translation>une modalité est un code DICOM comme CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="50"/>
        <source>a routing rule needs a destination site</source>
        <translation>une règle de routage doit avoir un hôpital de destination</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="51"/>
        <source>a routing rule needs at least one criterion (it never sends everything)</source>
        <translation>une règle de routage doit avoir au moins un critère (elle n&apos;envoie jamais tous les examens)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52"/>
        <source>--max-age-days must be zero (no limit) or more</source>
        <translation>l&apos;âge maximal de l&apos;examen doit être zéro (pas de limite) ou plus</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="54"/>
        <source>root key must be base64 (the text `directory create-operator-key` printed)</source>
        <translation>la clé racine doit être en base64 (le texte affiché par `directory create-operator-key`)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="55"/>
        <source>root key must be a 32-byte Ed25519 public key</source>
        <translation>la clé racine doit être une clé publique Ed25519 de 32 octets</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62"/>
        <source>dates are written YYYYMMDD (not {value})</source>
        <translation>les dates s&apos;écrivent AAAAMMJJ (et non {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="64"/>
        <source>the PACS sent {have} of the {expected} images of the study: try again later</source>
        <translation>le PACS a envoyé {have} des {expected} images de l&apos;examen : réessayez plus tard</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="66"/>
        <source>this file or folder does not exist: {path}</source>
        <translation>ce fichier ou dossier n&apos;existe pas : {path}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="68"/>
        <source>nothing to send: {detail}</source>
        <translation>rien à envoyer : {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="70"/>
        <source>unknown hospital {site}: no directory of the network is installed on this appliance</source>
        <translation>hôpital inconnu {site} : aucun annuaire du réseau n&apos;est installé sur cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="73"/>
        <source>unknown hospital {site}; the hospitals in the directory: {names}</source>
        <translation>hôpital inconnu {site} ; les hôpitaux de l&apos;annuaire : {names}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="75"/>
        <source>routing rule #{n} no longer exists</source>
        <translation>la règle de routage n°{n} n&apos;existe plus</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77"/>
        <source>the DICOMweb address must start with http:// or https:// (not {value})</source>
        <translation>l&apos;adresse DICOMweb doit commencer par http:// ou https:// (et non {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="79"/>
        <source>the root set file {path} was not found</source>
        <translation>le fichier des racines {path} est introuvable</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="81"/>
        <source>the directory file {path} was not found</source>
        <translation>le fichier d&apos;annuaire {path} est introuvable</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="34"/>
        <source>Reject the study</source>
        <translation>Refuser l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="37"/>
        <location filename="../../ui/review_dialogs.py" line="53"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Study sent to the wrong hospital</source>
        <translation>Examen envoyé au mauvais hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Patient unknown here</source>
        <translation>Patient inconnu chez nous</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Duplicate of a study already received</source>
        <translation>Doublon d&apos;un examen déjà reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Other reason (write it below)</source>
        <translation>Autre motif (à écrire ci-dessous)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="43"/>
        <source>Other reason</source>
        <translation>Autre motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="44"/>
        <source>Write the reason</source>
        <translation>Écrivez le motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="50"/>
        <source>Why is this study rejected? The sending hospital is not told automatically.</source>
        <translation>Pourquoi cet examen est-il refusé ? L&apos;hôpital expéditeur n&apos;en est pas averti automatiquement.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="54"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/review_page.py" line="97"/>
        <source>Patients waiting for confirmation</source>
        <translation>Patients en attente de confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="108"/>
        <source>Incoming study</source>
        <translation>Examen reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Sending hospital</source>
        <translation>Hôpital expéditeur</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Study date</source>
        <translation>Date de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="113"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="122"/>
        <source>Why Passerelle asks you to decide:</source>
        <translation>Pourquoi Passerelle vous demande de décider :</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="138"/>
        <source>Incoming patient and local candidates</source>
        <translation>Patient reçu et candidats locaux</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>NISS</source>
        <translation>NISS</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="161"/>
        <source>Reasons for the score</source>
        <translation>Raisons du score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="165"/>
        <source>&amp;Confirm this patient</source>
        <translation>&amp;Confirmer ce patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="166"/>
        <source>Link the incoming study to the selected local patient (Enter)</source>
        <translation>Lier l&apos;examen reçu au patient local choisi (Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="167"/>
        <source>&amp;Search by hand...</source>
        <translation>&amp;Rechercher à la main...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="168"/>
        <source>&amp;New patient</source>
        <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="169"/>
        <source>&amp;Reject...</source>
        <translation>Re&amp;fuser...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="170"/>
        <source>&amp;Undo last decision</source>
        <translation>&amp;Annuler la dernière décision</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="158"/>
        <source>Why this score:</source>
        <translation>Pourquoi ce score :</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="129"/>
        <source>Why this patient waits for a person</source>
        <translation>Pourquoi ce patient attend une personne</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Patient id</source>
        <translation>Id patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="145"/>
        <source>Incoming row: the id given by the sending hospital. Candidates: the id in this hospital&apos;s patient index.</source>
        <translation>Ligne « Reçu » : l&apos;id donné par l&apos;hôpital expéditeur. Candidats : l&apos;id dans l&apos;index des patients de cet hôpital.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="222"/>
        <source>The waiting list could not be read.</source>
        <translation>La liste d&apos;attente n&apos;a pas pu être lue.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_page.py" line="252"/>
        <source>%n patient(s) waiting</source>
        <translation>
            <numerusform>%n patient en attente</numerusform>
            <numerusform>%n patients en attente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="252"/>
        <source>Nobody is waiting</source>
        <translation>Personne n&apos;attend</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="280"/>
        <source>Incoming</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="286"/>
        <source>Id of this patient in our patient index</source>
        <translation>Id de ce patient dans notre index des patients</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>(no id sent)</source>
        <translation>(aucun id envoyé)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>{id} (sender&apos;s id)</source>
        <translation>{id} (id expéditeur)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="306"/>
        <source>The patient&apos;s id at the sending hospital ({hospital}), not an id of this hospital</source>
        <translation>L&apos;id du patient chez l&apos;hôpital expéditeur ({hospital}), pas un id de cet hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="331"/>
        <source>Differs from the incoming patient</source>
        <translation>Diffère du patient reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="335"/>
        <source>Same as the incoming patient</source>
        <translation>Identique au patient reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="338"/>
        <source>Missing on one side</source>
        <translation>Absent d&apos;un côté</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="355"/>
        <source>Why {name} scores {score} %:</source>
        <translation>Pourquoi {name} obtient {score} % :</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="357"/>
        <source>No reasons given.</source>
        <translation>Aucune raison donnée.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="389"/>
        <source>Saving...</source>
        <translation>Enregistrement...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="395"/>
        <source>The decision was not saved.</source>
        <translation>La décision n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="396"/>
        <source>Decision not saved</source>
        <translation>Décision non enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="400"/>
        <source>Linked to the local patient {id}. You can undo until the study is sent to the PACS.</source>
        <translation>Lié au patient local {id}. Vous pouvez annuler tant que l&apos;examen n&apos;est pas envoyé au PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="401"/>
        <source>A new patient will be created. You can undo until the study is sent to the PACS.</source>
        <translation>Un nouveau patient sera créé. Vous pouvez annuler tant que l&apos;examen n&apos;est pas envoyé au PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="402"/>
        <source>The study is rejected. You can still undo this.</source>
        <translation>L&apos;examen est refusé. Vous pouvez encore annuler.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="418"/>
        <source>Undo not possible</source>
        <translation>Annulation impossible</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="420"/>
        <source>Decision undone: the patient is back in the waiting list.</source>
        <translation>Décision annulée : le patient est de retour dans la liste d&apos;attente.</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>Change rule #{id}</source>
        <translation>Modifier la règle n° {id}</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>New rule</source>
        <translation>Nouvelle règle</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="52"/>
        <source>e.g. Thorax CT for the pneumologists</source>
        <translation>p. ex. CT thorax pour les pneumologues</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="53"/>
        <source>The referring physician is on this hospital&apos;s list in the directory</source>
        <translation>Le médecin demandeur figure sur la liste de cet hôpital dans l&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="57"/>
        <source>One name per line, e.g. DUPONT^Jean</source>
        <translation>Un nom par ligne, p. ex. DUPONT^Jean</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="60"/>
        <source>e.g. CT, MR (empty: any)</source>
        <translation>p. ex. CT, MR (vide : toutes)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="62"/>
        <source>e.g. CT THORAX* (* matches anything)</source>
        <translation>p. ex. CT THORAX* (* remplace n&apos;importe quoi)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="67"/>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="68"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="70"/>
        <source>Rule enabled</source>
        <translation>Règle active</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Send to</source>
        <translation>Envoyer à</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Name of the rule</source>
        <translation>Nom de la règle</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="75"/>
        <source>Referring physician</source>
        <translation>Médecin demandeur</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="76"/>
        <source>Or one of these physicians</source>
        <translation>Ou l&apos;un de ces médecins</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="79"/>
        <source>Maximum age of the study</source>
        <translation>Âge maximal de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Modalities</source>
        <translation>Modalités</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Study description</source>
        <translation>Description de l&apos;examen</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="78"/>
        <source>Institution</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="78"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="84"/>
        <source>A study is sent when it meets every criterion given. Empty criteria match any study, but a rule needs at least one.</source>
        <translation>Un examen est envoyé s&apos;il remplit tous les critères donnés. Un critère vide accepte tout examen, mais une règle en demande au moins un.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="91"/>
        <location filename="../../ui/rule_dialog.py" line="92"/>
        <source>Save the rule</source>
        <translation>Enregistrer la règle</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="116"/>
        <source>Choose the hospital the studies go to.</source>
        <translation>Choisissez l&apos;hôpital auquel les examens sont envoyés.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="119"/>
        <source>Give at least one criterion: a rule never sends every study.</source>
        <translation>Donnez au moins un critère : une règle n&apos;envoie jamais tous les examens.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="121"/>
        <source>Modalities are DICOM codes such as CT, MR, US, separated by commas.</source>
        <translation>Les modalités sont des codes DICOM comme CT, MR, US, séparés par des virgules.</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../ui/rules_page.py" line="40"/>
        <location filename="../../ui/rules_page.py" line="51"/>
        <source>Routing rules</source>
        <translation>Règles de routage</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="53"/>
        <source>Criteria</source>
        <translation>Critères</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <location filename="../../ui/rules_page.py" line="110"/>
        <source>Enabled</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="41"/>
        <source>Studies of the PACS that meet a rule are sent to its hospital automatically, once each, as soon as they are complete. Every criterion given must hold.</source>
        <translation>Les examens du PACS qui remplissent une règle sont envoyés automatiquement à son hôpital, une seule fois, dès qu&apos;ils sont complets. Tous les critères donnés doivent être remplis.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45"/>
        <source>No PACS is configured: the rules take effect once the PACS is set in Settings.</source>
        <translation>Aucun PACS n&apos;est configuré : les règles s&apos;appliqueront dès que le PACS sera indiqué dans les Paramètres.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="67"/>
        <source>No rule yet: studies are only sent by hand.</source>
        <translation>Aucune règle pour l&apos;instant : les examens ne sont envoyés qu&apos;à la main.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="69"/>
        <source>Add rule</source>
        <translation>Ajouter une règle</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="70"/>
        <source>Change</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="100"/>
        <source>The rules could not be read.</source>
        <translation>Les règles n&apos;ont pas pu être lues.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="128"/>
        <source>referring physician on the hospital&apos;s list</source>
        <translation>médecin demandeur sur la liste de l&apos;hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="131"/>
        <source>referring physician: {names}</source>
        <translation>médecin demandeur : {names}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="133"/>
        <source>modality {list}</source>
        <translation>modalité {list}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="134"/>
        <source>description {pattern}</source>
        <translation>description {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="135"/>
        <source>institution {pattern}</source>
        <translation>institution {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="136"/>
        <source>station {pattern}</source>
        <translation>station {pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="140"/>
        <source>study at most {n} days old</source>
        <translation>examen de {n} jours au plus</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="152"/>
        <source>Install the directory of the network first.</source>
        <translation>Installez d&apos;abord l&apos;annuaire du réseau.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="170"/>
        <source>Saving...</source>
        <translation>Enregistrement...</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="176"/>
        <source>The rule was not saved.</source>
        <translation>La règle n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="177"/>
        <source>Rule not saved</source>
        <translation>Règle non enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="179"/>
        <source>Rule #{id} saved.</source>
        <translation>Règle n° {id} enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="186"/>
        <location filename="../../ui/rules_page.py" line="190"/>
        <source>Delete the rule</source>
        <translation>Supprimer la règle</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="187"/>
        <source>Delete the rule sending to {site}? Studies it already sent stay sent.</source>
        <translation>Supprimer la règle qui envoie à {site} ? Les examens déjà envoyés le restent.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="209"/>
        <source>Rule not changed</source>
        <translation>Règle non modifiée</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="71"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="79"/>
        <source>Search the local patients</source>
        <translation>Rechercher parmi les patients locaux</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="84"/>
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>NISS</source>
        <translation>NISS</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="92"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="96"/>
        <source>Patients found</source>
        <translation>Patients trouvés</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Local id</source>
        <translation>Id local</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="107"/>
        <source>Link to this patient</source>
        <translation>Lier à ce patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="121"/>
        <source>Searching...</source>
        <translation>Recherche...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_dialogs.py" line="130"/>
        <source>%n patient(s) found</source>
        <translation>
            <numerusform>%n patient trouvé</numerusform>
            <numerusform>%n patients trouvés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../ui/send_dialog.py" line="20"/>
        <source>Send to {site}</source>
        <translation>Envoyer à {site}</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="24"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Envoyer à &lt;b&gt;{site}&lt;/b&gt; :</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="27"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="30"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} files, {size}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (né(e) le {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} fichiers, {size}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="38"/>
        <source>In total: %n file(s)</source>
        <translation>
            <numerusform>Au total : %n fichier</numerusform>
            <numerusform>Au total : %n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="41"/>
        <source>%n file(s) are not DICOM images and will be left out.</source>
        <translation>
            <numerusform>%n fichier n&apos;est pas une image DICOM et sera ignoré.</numerusform>
            <numerusform>%n fichiers ne sont pas des images DICOM et seront ignorés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="45"/>
        <source>Only the first files were read for this summary; all will be sent.</source>
        <translation>Seuls les premiers fichiers ont été lus pour ce résumé ; tous seront envoyés.</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="47"/>
        <location filename="../../ui/send_dialog.py" line="48"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="56"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57"/>
        <source>This appliance</source>
        <translation>Cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="72"/>
        <source>A person confirms every new patient</source>
        <translation>Une personne confirme chaque nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="73"/>
        <source>Create new patients automatically</source>
        <translation>Créer les nouveaux patients automatiquement</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Site name</source>
        <translation>Nom du site</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>DICOM port</source>
        <translation>Port DICOM</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>Peer port (HTTPS)</source>
        <translation>Port des échanges (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>New patients</source>
        <translation>Nouveaux patients</translation>
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
        <translation>Adresse DICOMweb</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="88"/>
        <source>Optional. When set, received studies are stored in the PACS with DICOMweb (STOW-RS) instead of C-STORE, and the PACS is searched with QIDO-RS when no AE title and host are given.</source>
        <translation>Facultatif. Si elle est remplie, les examens reçus sont enregistrés dans le PACS par DICOMweb (STOW-RS) au lieu de C-STORE, et le PACS est interrogé par QIDO-RS quand aucun AE title ni hôte n&apos;est donné.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="98"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Public address</source>
        <translation>Adresse publique</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="109"/>
        <source>Directory address</source>
        <translation>Adresse de l&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="110"/>
        <source>Bandwidth limit</source>
        <translation>Limite de débit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="113"/>
        <source>Changes take effect when the appliance restarts.</source>
        <translation>Les changements prennent effet au redémarrage de la passerelle.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="114"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="115"/>
        <source>Save the settings</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="150"/>
        <source>Write a full address starting with http:// or https://.</source>
        <translation>Écrivez une adresse complète qui commence par http:// ou https://.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="163"/>
        <location filename="../../ui/settings_page.py" line="171"/>
        <source>Settings not saved</source>
        <translation>Paramètres non enregistrés</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="174"/>
        <source>Saved. Restart the appliance to apply the changes.</source>
        <translation>Enregistré. Redémarrez la passerelle pour appliquer les changements.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="42"/>
        <source>Name this appliance</source>
        <translation>Nommez cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="43"/>
        <source>The other hospitals see this name. The DICOM settings are those your PACS will use to send studies to Passerelle.</source>
        <translation>Les autres hôpitaux voient ce nom. Les réglages DICOM sont ceux que votre PACS utilisera pour envoyer des examens à Passerelle.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="46"/>
        <source>e.g. CHR Citadelle</source>
        <translation>p. ex. CHR Citadelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Site name</source>
        <translation>Nom du site</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>DICOM port</source>
        <translation>Port DICOM</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>Peer port (HTTPS)</source>
        <translation>Port des échanges (HTTPS)</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <location filename="../../ui/sites_page.py" line="45"/>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="46"/>
        <source>expired, grace period: install a fresh directory</source>
        <translation>expiré, période de grâce : installez un annuaire récent</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="47"/>
        <source>expired: outgoing transfers are stopped</source>
        <translation>expiré : les envois sont arrêtés</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="59"/>
        <source>yesterday at {time}</source>
        <translation>hier à {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="154"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="155"/>
        <source>Directory of the network</source>
        <translation>Annuaire du réseau</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>This site</source>
        <translation>Ce site</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>Our fingerprint</source>
        <translation>Notre empreinte</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Directory version</source>
        <translation>Version de l&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Valid until</source>
        <translation>Valable jusqu&apos;au</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Operator fingerprint</source>
        <translation>Empreinte de l&apos;opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Warnings</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="166"/>
        <source>To send a study, drag its files, its folder or its DICOMDIR onto a hospital.</source>
        <translation>Pour envoyer un examen, glissez ses fichiers, son dossier ou son DICOMDIR sur un hôpital.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="168"/>
        <source>Check the connections now</source>
        <translation>Vérifier les connexions maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="177"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>Aucun hôpital n&apos;est encore listé : installez l&apos;annuaire du réseau.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="194"/>
        <source>not installed</source>
        <translation>non installé</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="198"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="228"/>
        <source>Connections not checked</source>
        <translation>Connexions non vérifiées</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="234"/>
        <source>Reading the files...</source>
        <translation>Lecture des fichiers...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="243"/>
        <source>The files could not be read.</source>
        <translation>Les fichiers n&apos;ont pas pu être lus.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="244"/>
        <source>Files not sent</source>
        <translation>Fichiers non envoyés</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="246"/>
        <source>{n} studies, {size}</source>
        <translation>{n} examens, {size}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="259"/>
        <source>Queuing...</source>
        <translation>Mise en file...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="268"/>
        <source>Not sent.</source>
        <translation>Non envoyé.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="269"/>
        <source>Study not sent</source>
        <translation>Examen non envoyé</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="273"/>
        <source>%n study(ies) queued</source>
        <translation>
            <numerusform>%n examen mis en file</numerusform>
            <numerusform>%n examens mis en file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="275"/>
        <source>%n already sent</source>
        <translation>
            <numerusform>%n déjà envoyé</numerusform>
            <numerusform>%n déjà envoyés</numerusform>
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
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="49"/>
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="50"/>
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="51"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>TransferStates</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="50"/>
        <source>Waiting to send</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="51"/>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="52"/>
        <source>Receiving</source>
        <translation>Réception en cours</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="53"/>
        <source>Waiting for patient confirmation</source>
        <translation>En attente de confirmation du patient</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="54"/>
        <source>Storing in the PACS</source>
        <translation>Enregistrement dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="55"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="56"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="68"/>
        <source>Waiting to try again</source>
        <translation>En attente d&apos;un nouvel essai</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="69"/>
        <source>Receiving paused: storage full</source>
        <translation>Réception en pause : stockage plein</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="62"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="176"/>
        <source>Outbound</source>
        <translation>Sortant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="177"/>
        <source>Inbound</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="186"/>
        <source>{done} of {total}</source>
        <translation>{done} sur {total}</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="229"/>
        <location filename="../../ui/transfers_page.py" line="250"/>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="240"/>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="241"/>
        <source>&amp;Cancel transfer</source>
        <translation>A&amp;nnuler l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="268"/>
        <source>{active} in progress, {failed} failed</source>
        <translation>{active} en cours, {failed} en échec</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="312"/>
        <source>Transfer not changed</source>
        <translation>Envoi non modifié</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="115"/>
        <source>Trust the network</source>
        <translation>Faire confiance au réseau</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="127"/>
        <source>Operator root key</source>
        <translation>Clé racine de l&apos;opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="139"/>
        <location filename="../../ui/wizard.py" line="163"/>
        <source>Directory file</source>
        <translation>Fichier d&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="132"/>
        <location filename="../../ui/wizard.py" line="140"/>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="116"/>
        <source>Enter the operator&apos;s root key, or choose the root set file (ROOTS.json) if the operator gave you one, and choose the signed directory file you received. You can also do this later.</source>
        <translation>Saisissez la clé racine de l&apos;opérateur, ou choisissez le fichier des racines (ROOTS.json) si l&apos;opérateur vous en a donné un, puis choisissez le fichier d&apos;annuaire signé reçu. Vous pouvez aussi le faire plus tard.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="119"/>
        <source>One root key</source>
        <translation>Une clé racine</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="120"/>
        <source>A root set file (ROOTS.json)</source>
        <translation>Un fichier des racines (ROOTS.json)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="128"/>
        <source>the text the operator gave you (base64)</source>
        <translation>le texte donné par l&apos;opérateur (base64)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="130"/>
        <source>Root set file</source>
        <translation>Fichier des racines</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="133"/>
        <source>Choose the root set file</source>
        <translation>Choisir le fichier des racines</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="135"/>
        <source>The file lists the operator&apos;s root keys and how many of them must sign the directory together.</source>
        <translation>Le fichier liste les clés racines de l&apos;opérateur et combien d&apos;entre elles doivent signer l&apos;annuaire ensemble.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="141"/>
        <source>Choose the directory file</source>
        <translation>Choisir le fichier d&apos;annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="143"/>
        <source>Trust and install</source>
        <translation>Faire confiance et installer</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="149"/>
        <source>Installing the directory from here is not available in this version; use `passerelle trust` and `passerelle directory install`.</source>
        <translation>L&apos;installation de l&apos;annuaire depuis cet écran n&apos;est pas disponible dans cette version ; utilisez `passerelle trust` et `passerelle directory install`.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="158"/>
        <source>Operator root</source>
        <translation>Racine de l&apos;opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="178"/>
        <source>Signed directory</source>
        <translation>Annuaire signé</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="183"/>
        <source>Root set of the operator</source>
        <translation>Racines de l&apos;opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="199"/>
        <source>Checking the signatures...</source>
        <translation>Vérification des signatures...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="209"/>
        <source>The network is trusted.</source>
        <translation>Le réseau est reconnu.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <location filename="../../ui/app.py" line="81"/>
        <source>demo — its PACS is a stand-in archive, not a PACS</source>
        <translation>démo — son PACS est une archive de démonstration, pas un vrai PACS</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="82"/>
        <source>demo</source>
        <translation>démo</translation>
    </message>
</context>
</TS>
