<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/journal_page.py" line="33" />
        <source>Patient decision</source>
        <translation>Décision patient</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="34" />
        <source>Decision undone</source>
        <translation>Décision annulée</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="35" />
        <source>Study queued for sending</source>
        <translation>Examen mis en file d'envoi</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="38" />
        <source>linked to {id}</source>
        <translation>lié à {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="39" />
        <source>new patient</source>
        <translation>nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="40" />
        <source>waiting for a person</source>
        <translation>en attente d'une personne</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="41" />
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="46" />
        <source>Passerelle (automatic)</source>
        <translation>Passerelle (automatique)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="67" />
        <source>{files} files to {site}</source>
        <translation>{files} fichiers vers {site}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="18" />
        <source>This hospital is not in the directory of the network. Ask your PACS technician.</source>
        <translation>Cet hôpital ne figure pas dans l'annuaire du réseau. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="20" />
        <source>Some files are not medical images (DICOM) and were set aside.</source>
        <translation>Certains fichiers ne sont pas des images médicales (DICOM) et ont été mis de côté.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="22" />
        <source>This could not be done with what was given. The details say why.</source>
        <translation>Ceci n'a pas pu être fait avec les informations données. Les détails expliquent pourquoi.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="24" />
        <source>The disk of the appliance is full. Work is paused until space is freed.</source>
        <translation>Le disque de la passerelle est plein. Le travail est suspendu jusqu'à ce que de la place soit libérée.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="26" />
        <source>The appliance is not configured correctly. Ask your PACS technician.</source>
        <translation>La passerelle n'est pas configurée correctement. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28" />
        <source>The appliance could not save its work. Ask your PACS technician.</source>
        <translation>La passerelle n'a pas pu enregistrer son travail. Adressez-vous à votre technicien PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="30" />
        <source>The PACS did not answer as expected.</source>
        <translation>Le PACS n'a pas répondu comme prévu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31" />
        <source>The other side cannot be reached right now. It will be tried again.</source>
        <translation>L'autre côté est injoignable pour le moment. Une nouvelle tentative sera faite.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33" />
        <source>The other hospital's appliance refused the exchange.</source>
        <translation>La passerelle de l'autre hôpital a refusé l'échange.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34" />
        <source>A file or folder could not be read.</source>
        <translation>Un fichier ou un dossier n'a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36" />
        <source>Something went wrong. The details are for your PACS technician.</source>
        <translation>Un problème est survenu. Les détails sont destinés à votre technicien PACS.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="186" />
        <source>Passerelle: first start</source>
        <translation>Passerelle : premier démarrage</translation>
    </message>
</context>
<context>
    <name>HospitalCard</name>
    <message>
        <location filename="../../ui/sites_page.py" line="68" />
        <source>Hospital {name}: drop studies here to send them</source>
        <translation>Hôpital {name} : déposez des examens ici pour les envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="73" />
        <source>● reachable</source>
        <translation>● joignable</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="73" />
        <source>● not reachable</source>
        <translation>● injoignable</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="74" />
        <source>● not contacted yet</source>
        <translation>● pas encore contacté</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="77" />
        <source>Fingerprint: {fp}</source>
        <translation>Empreinte : {fp}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="81" />
        <source>Drop studies here</source>
        <translation>Déposez des examens ici</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/journal_page.py" line="78" />
        <source>Export the journal</source>
        <translation>Exporter le journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="93" />
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="96" />
        <location filename="../../ui/journal_page.py" line="113" />
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="96" />
        <location filename="../../ui/journal_page.py" line="113" />
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="102" />
        <location filename="../../ui/journal_page.py" line="114" />
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="104" />
        <location filename="../../ui/journal_page.py" line="114" />
        <location filename="../../ui/journal_page.py" line="120" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="106" />
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="109" />
        <source>Search (study, transfer, patient id)</source>
        <translation>Rechercher (examen, transfert, id patient)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="110" />
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="119" />
        <source>Journal entries</source>
        <translation>Entrées du journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="120" />
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="120" />
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="121" />
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="121" />
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="128" />
        <source>&amp;Export to CSV...</source>
        <translation>&amp;Exporter en CSV...</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="129" />
        <source>Export to CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="163" />
        <source>The journal could not be read.</source>
        <translation>Le journal n'a pas pu être lu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="175" />
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="187" />
        <source>Export failed</source>
        <translation>Échec de l'export</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="189" />
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
        <location filename="../../ui/wizard.py" line="74" />
        <source>Keys of this appliance</source>
        <translation>Clés de cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="75" />
        <source>Passerelle creates the keys that prove who this appliance is. They never leave it.</source>
        <translation>Passerelle crée les clés qui prouvent l'identité de cette passerelle. Elles ne la quittent jamais.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="80" />
        <source>Read this fingerprint aloud to the network operator when you register the site.</source>
        <translation>Lisez cette empreinte à voix haute à l'opérateur du réseau lors de l'enregistrement du site.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="90" />
        <source>Creating the keys...</source>
        <translation>Création des clés...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="97" />
        <source>Keys created. Site id: {id}</source>
        <translation>Clés créées. Identifiant du site : {id}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>Passerelle — {site}</source>
        <translation>Passerelle — {site}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102" />
        <source>Reconciliation</source>
        <translation>Réconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103" />
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105" />
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="167" />
        <source>(%n waiting)</source>
        <translation>
            <numerusform>(%n en attente)</numerusform>
            <numerusform>(%n en attente)</numerusform>
            </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="169" />
        <source>Passerelle: %n patient(s) waiting</source>
        <translation>
            <numerusform>Passerelle : %n patient en attente</numerusform>
            <numerusform>Passerelle : %n patients en attente</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>Patients to confirm</source>
        <translation>Patients à confirmer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="172" />
        <source>%n patient(s) wait for confirmation.</source>
        <translation>
            <numerusform>%n patient attend une confirmation.</numerusform>
            <numerusform>%n patients attendent une confirmation.</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>Engine not answering</source>
        <translation>Le moteur ne répond pas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195" />
        <source>Engine: {state}</source>
        <translation>Moteur : {state}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Transfer failed</source>
        <translation>Échec d'un envoi</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="206" />
        <source>%n transfer(s) failed.</source>
        <translation>
            <numerusform>%n envoi a échoué.</numerusform>
            <numerusform>%n envois ont échoué.</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224" />
        <source>Open Passerelle</source>
        <translation>Ouvrir Passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225" />
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244" />
        <source>Passerelle keeps working</source>
        <translation>Passerelle continue de travailler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245" />
        <source>Transfers continue in the background. Open from the tray icon.</source>
        <translation>Les envois continuent en arrière-plan. Rouvrez la fenêtre depuis l'icône de la barre des tâches.</translation>
    </message>
</context>
<context>
    <name>PacsForm</name>
    <message>
        <location filename="../../ui/pacs_form.py" line="33" />
        <source>Test the connection (C-ECHO)</source>
        <translation>Tester la connexion (C-ECHO)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="34" />
        <source>Test the connection to the PACS</source>
        <translation>Tester la connexion au PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="40" />
        <source>The connection test is not available in this version.</source>
        <translation>Le test de connexion n'est pas disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44" />
        <source>PACS AE title</source>
        <translation>AE title du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44" />
        <source>PACS host name or address</source>
        <translation>Nom ou adresse du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="45" />
        <source>PACS port</source>
        <translation>Port du PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="66" />
        <source>Fill in the AE title and the host first.</source>
        <translation>Remplissez d'abord l'AE title et l'adresse.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="69" />
        <source>Testing...</source>
        <translation>Test en cours...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="76" />
        <source>The PACS answered.</source>
        <translation>Le PACS a répondu.</translation>
    </message>
</context>
<context>
    <name>PacsPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="166" />
        <source>Your PACS</source>
        <translation>Votre PACS</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="167" />
        <source>Where Passerelle stores received studies and finds studies to send. Test the connection before you finish.</source>
        <translation>Là où Passerelle range les examens reçus et trouve les examens à envoyer. Testez la connexion avant de terminer.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="8" />
        <source>NISS identical</source>
        <translation>NISS identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="9" />
        <source>NISS different (valid numbers of two different people)</source>
        <translation>NISS différent (numéros valides de deux personnes différentes)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="10" />
        <source>NISS differs by one typing error</source>
        <translation>NISS différent d'une faute de frappe</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="11" />
        <source>NISS invalid (check digits) on one side</source>
        <translation>NISS invalide (chiffres de contrôle) d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="12" />
        <source>NISS missing on one side</source>
        <translation>NISS absent d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="13" />
        <source>birth date identical</source>
        <translation>date de naissance identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="14" />
        <source>birth date partially known and compatible</source>
        <translation>date de naissance partiellement connue et compatible</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="15" />
        <source>birth date: day and month swapped</source>
        <translation>date de naissance : jour et mois inversés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="16" />
        <source>birth date differs in one part</source>
        <translation>date de naissance différente sur un élément</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="17" />
        <source>birth date different in the same year</source>
        <translation>date de naissance différente dans la même année</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="18" />
        <source>birth date different</source>
        <translation>date de naissance différente</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="19" />
        <source>birth date missing on one side</source>
        <translation>date de naissance absente d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="20" />
        <source>sex identical</source>
        <translation>sexe identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="21" />
        <source>sex different</source>
        <translation>sexe différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="22" />
        <source>sex missing or unknown on one side</source>
        <translation>sexe absent ou inconnu d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="23" />
        <source>family name identical</source>
        <translation>nom identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="24" />
        <source>family name identical apart from spaces in particles</source>
        <translation>nom identique aux espaces des particules près</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="25" />
        <source>family name identical apart from a particle</source>
        <translation>nom identique à une particule près</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="26" />
        <source>family name shares one part of a double name</source>
        <translation>nom partageant une partie d'un nom double</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="27" />
        <source>family name similar</source>
        <translation>nom semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="28" />
        <source>family name somewhat similar</source>
        <translation>nom assez semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="29" />
        <source>family name different</source>
        <translation>nom différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="30" />
        <source>family name missing on one side</source>
        <translation>nom absent d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="31" />
        <source>given names identical</source>
        <translation>prénoms identiques</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="32" />
        <source>first given name identical</source>
        <translation>premier prénom identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="33" />
        <source>one of the given names identical</source>
        <translation>un des prénoms identique</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="34" />
        <source>given name matches an initial only</source>
        <translation>prénom correspondant à une initiale seulement</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="35" />
        <source>given name similar</source>
        <translation>prénom semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="36" />
        <source>given name somewhat similar</source>
        <translation>prénom assez semblable</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="37" />
        <source>given name different</source>
        <translation>prénom différent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="38" />
        <source>given name missing on one side</source>
        <translation>prénom absent d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="39" />
        <source>family and given names swapped</source>
        <translation>nom et prénom inversés</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="40" />
        <source>manual decision</source>
        <translation>décision manuelle</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="34" />
        <source>Reject the study</source>
        <translation>Refuser l'examen</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="37" />
        <location filename="../../ui/review_dialogs.py" line="53" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39" />
        <source>Study sent to the wrong hospital</source>
        <translation>Examen envoyé au mauvais hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39" />
        <source>Patient unknown here</source>
        <translation>Patient inconnu chez nous</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40" />
        <source>Duplicate of a study already received</source>
        <translation>Doublon d'un examen déjà reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40" />
        <source>Other reason (write it below)</source>
        <translation>Autre motif (à écrire ci-dessous)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="43" />
        <source>Other reason</source>
        <translation>Autre motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="44" />
        <source>Write the reason</source>
        <translation>Écrivez le motif</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="50" />
        <source>Why is this study rejected? The sending hospital is not told automatically.</source>
        <translation>Pourquoi cet examen est-il refusé ? L'hôpital expéditeur n'en est pas averti automatiquement.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="54" />
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/review_page.py" line="91" />
        <source>Patients waiting for confirmation</source>
        <translation>Patients en attente de confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="102" />
        <source>Incoming study</source>
        <translation>Examen reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="106" />
        <source>Sending hospital</source>
        <translation>Hôpital expéditeur</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="106" />
        <source>Study date</source>
        <translation>Date de l'examen</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="107" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="115" />
        <source>Incoming patient and local candidates</source>
        <translation>Patient reçu et candidats locaux</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="117" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="117" />
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="117" />
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="117" />
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="118" />
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="118" />
        <source>NISS</source>
        <translation>NISS</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="118" />
        <source>Local id</source>
        <translation>Id local</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="133" />
        <source>Reasons for the score</source>
        <translation>Raisons du score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="137" />
        <source>&amp;Confirm this patient</source>
        <translation>&amp;Confirmer ce patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="138" />
        <source>Link the incoming study to the selected local patient (Enter)</source>
        <translation>Lier l'examen reçu au patient local choisi (Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="139" />
        <source>&amp;Search by hand...</source>
        <translation>&amp;Rechercher à la main...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140" />
        <source>&amp;New patient</source>
        <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141" />
        <source>&amp;Reject...</source>
        <translation>Re&amp;fuser...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="142" />
        <source>&amp;Undo last decision</source>
        <translation>&amp;Annuler la dernière décision</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="130" />
        <source>Why this score:</source>
        <translation>Pourquoi ce score :</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="193" />
        <source>The waiting list could not be read.</source>
        <translation>La liste d'attente n'a pas pu être lue.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_page.py" line="223" />
        <source>%n patient(s) waiting</source>
        <translation>
            <numerusform>%n patient en attente</numerusform>
            <numerusform>%n patients en attente</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="223" />
        <source>Nobody is waiting</source>
        <translation>Personne n'attend</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="250" />
        <source>Incoming</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="280" />
        <source>Differs from the incoming patient</source>
        <translation>Diffère du patient reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="284" />
        <source>Same as the incoming patient</source>
        <translation>Identique au patient reçu</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="286" />
        <source>Missing on one side</source>
        <translation>Absent d'un côté</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="303" />
        <source>Why {name} scores {score} %:</source>
        <translation>Pourquoi {name} obtient {score} % :</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305" />
        <source>No reasons given.</source>
        <translation>Aucune raison donnée.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="337" />
        <source>Saving...</source>
        <translation>Enregistrement...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="343" />
        <source>The decision was not saved.</source>
        <translation>La décision n'a pas été enregistrée.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="344" />
        <source>Decision not saved</source>
        <translation>Décision non enregistrée</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="348" />
        <source>Linked to the local patient {id}. You can undo until the study is sent to the PACS.</source>
        <translation>Lié au patient local {id}. Vous pouvez annuler tant que l'examen n'est pas envoyé au PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="349" />
        <source>A new patient will be created. You can undo until the study is sent to the PACS.</source>
        <translation>Un nouveau patient sera créé. Vous pouvez annuler tant que l'examen n'est pas envoyé au PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="350" />
        <source>The study is rejected. You can still undo this.</source>
        <translation>L'examen est refusé. Vous pouvez encore annuler.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="366" />
        <source>Undo not possible</source>
        <translation>Annulation impossible</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="368" />
        <source>Decision undone: the patient is back in the waiting list.</source>
        <translation>Décision annulée : le patient est de retour dans la liste d'attente.</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../ui/rules_page.py" line="38" />
        <location filename="../../ui/rules_page.py" line="44" />
        <source>Routing rules</source>
        <translation>Règles de routage</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="39" />
        <source>Automatic routing is not available yet in this version. Studies can be sent by hand from the Sites page.</source>
        <translation>Le routage automatique n'est pas encore disponible dans cette version. Les examens peuvent être envoyés à la main depuis la page Sites.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45" />
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45" />
        <source>Criteria</source>
        <translation>Critères</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="46" />
        <source>Enabled</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="50" />
        <source>Add rule</source>
        <translation>Ajouter une règle</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="50" />
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="50" />
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="69" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="69" />
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="79" />
        <source>Search the local patients</source>
        <translation>Rechercher parmi les patients locaux</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="84" />
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87" />
        <location filename="../../ui/review_dialogs.py" line="97" />
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87" />
        <location filename="../../ui/review_dialogs.py" line="97" />
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88" />
        <location filename="../../ui/review_dialogs.py" line="97" />
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88" />
        <location filename="../../ui/review_dialogs.py" line="98" />
        <source>NISS</source>
        <translation>NISS</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="92" />
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="96" />
        <source>Patients found</source>
        <translation>Patients trouvés</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98" />
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98" />
        <source>Local id</source>
        <translation>Id local</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="107" />
        <source>Link to this patient</source>
        <translation>Lier à ce patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="121" />
        <source>Searching...</source>
        <translation>Recherche...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_dialogs.py" line="130" />
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
        <location filename="../../ui/send_dialog.py" line="20" />
        <source>Send to {site}</source>
        <translation>Envoyer à {site}</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="24" />
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Envoyer à &lt;b&gt;{site}&lt;/b&gt; :</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="27" />
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="30" />
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} files, {size}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (né(e) le {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} fichiers, {size}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="38" />
        <source>In total: %n file(s)</source>
        <translation>
            <numerusform>Au total : %n fichier</numerusform>
            <numerusform>Au total : %n fichiers</numerusform>
            </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="41" />
        <source>%n file(s) are not DICOM images and will be left out.</source>
        <translation>
            <numerusform>%n fichier n'est pas une image DICOM et sera ignoré.</numerusform>
            <numerusform>%n fichiers ne sont pas des images DICOM et seront ignorés.</numerusform>
            </translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="45" />
        <source>Only the first files were read for this summary; all will be sent.</source>
        <translation>Seuls les premiers fichiers ont été lus pour ce résumé ; tous seront envoyés.</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="47" />
        <location filename="../../ui/send_dialog.py" line="48" />
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="38" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="39" />
        <source>This appliance</source>
        <translation>Cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="54" />
        <source>A person confirms every new patient</source>
        <translation>Une personne confirme chaque nouveau patient</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="55" />
        <source>Create new patients automatically</source>
        <translation>Créer les nouveaux patients automatiquement</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57" />
        <source>Site name</source>
        <translation>Nom du site</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57" />
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="58" />
        <source>DICOM port</source>
        <translation>Port DICOM</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="58" />
        <source>Peer port (HTTPS)</source>
        <translation>Port des échanges (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="59" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="59" />
        <source>New patients</source>
        <translation>Nouveaux patients</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="62" />
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="67" />
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75" />
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77" />
        <source>Public address</source>
        <translation>Adresse publique</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77" />
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="78" />
        <source>Directory address</source>
        <translation>Adresse de l'annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="79" />
        <source>Bandwidth limit</source>
        <translation>Limite de débit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="82" />
        <source>Changes take effect when the appliance restarts.</source>
        <translation>Les changements prennent effet au redémarrage de la passerelle.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="83" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="84" />
        <source>Save the settings</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="117" />
        <location filename="../../ui/settings_page.py" line="125" />
        <source>Settings not saved</source>
        <translation>Paramètres non enregistrés</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="128" />
        <source>Saved. Restart the appliance to apply the changes.</source>
        <translation>Enregistré. Redémarrez la passerelle pour appliquer les changements.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="38" />
        <source>Name this appliance</source>
        <translation>Nommez cette passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="39" />
        <source>The other hospitals see this name. The DICOM settings are those your PACS will use to send studies to Passerelle.</source>
        <translation>Les autres hôpitaux voient ce nom. Les réglages DICOM sont ceux que votre PACS utilisera pour envoyer des examens à Passerelle.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="42" />
        <source>e.g. CHR Citadelle</source>
        <translation>p. ex. CHR Citadelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="51" />
        <source>Site name</source>
        <translation>Nom du site</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="51" />
        <source>Our AE title</source>
        <translation>Notre AE title</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="52" />
        <source>DICOM port</source>
        <translation>Port DICOM</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="52" />
        <source>Peer port (HTTPS)</source>
        <translation>Port des échanges (HTTPS)</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <location filename="../../ui/sites_page.py" line="42" />
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="43" />
        <source>expired, grace period: install a fresh directory</source>
        <translation>expiré, période de grâce : installez un annuaire récent</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="44" />
        <source>expired: outgoing transfers are stopped</source>
        <translation>expiré : les envois sont arrêtés</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="118" />
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="119" />
        <source>Directory of the network</source>
        <translation>Annuaire du réseau</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="122" />
        <source>This site</source>
        <translation>Ce site</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="122" />
        <source>Our fingerprint</source>
        <translation>Notre empreinte</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="123" />
        <source>Directory version</source>
        <translation>Version de l'annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="123" />
        <source>Valid until</source>
        <translation>Valable jusqu'au</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="124" />
        <source>Operator fingerprint</source>
        <translation>Empreinte de l'opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="124" />
        <source>Warnings</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="130" />
        <source>To send a study, drag its files, its folder or its DICOMDIR onto a hospital.</source>
        <translation>Pour envoyer un examen, glissez ses fichiers, son dossier ou son DICOMDIR sur un hôpital.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="135" />
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>Aucun hôpital n'est encore listé : installez l'annuaire du réseau.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="152" />
        <source>not installed</source>
        <translation>non installé</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="156" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="178" />
        <source>Reading the files...</source>
        <translation>Lecture des fichiers...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="187" />
        <source>The files could not be read.</source>
        <translation>Les fichiers n'ont pas pu être lus.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="188" />
        <source>Files not sent</source>
        <translation>Fichiers non envoyés</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="190" />
        <source>{n} studies, {size}</source>
        <translation>{n} examens, {size}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="203" />
        <source>Queuing...</source>
        <translation>Mise en file...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="212" />
        <source>Not sent.</source>
        <translation>Non envoyé.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="213" />
        <source>Study not sent</source>
        <translation>Examen non envoyé</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="217" />
        <source>%n study(ies) queued</source>
        <translation>
            <numerusform>%n examen mis en file</numerusform>
            <numerusform>%n examens mis en file</numerusform>
            </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="219" />
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
        <location filename="../../ui/text.py" line="19" />
        <source>{size}/s</source>
        <translation>{size}/s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="27" />
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="30" />
        <source>{m} min {s:02d} s</source>
        <translation>{m} min {s:02d} s</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="31" />
        <source>{h} h {m:02d} min</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="49" />
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="50" />
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="51" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52" />
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>TransferStates</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="41" />
        <source>Waiting to send</source>
        <translation>En attente d'envoi</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="42" />
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="43" />
        <source>Receiving</source>
        <translation>Réception en cours</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="44" />
        <source>Waiting for patient confirmation</source>
        <translation>En attente de confirmation du patient</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="45" />
        <source>Storing in the PACS</source>
        <translation>Enregistrement dans le PACS</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="46" />
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="47" />
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="59" />
        <source>Waiting to try again</source>
        <translation>En attente d'un nouvel essai</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="50" />
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="50" />
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="51" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="51" />
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="52" />
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="52" />
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="53" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="135" />
        <source>Outbound</source>
        <translation>Sortant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="136" />
        <source>Inbound</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="145" />
        <source>{done} of {total}</source>
        <translation>{done} sur {total}</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="188" />
        <location filename="../../ui/transfers_page.py" line="210" />
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="199" />
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="200" />
        <source>&amp;Cancel transfer</source>
        <translation>A&amp;nnuler l'envoi</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="206" />
        <source>cancelled by {who}</source>
        <translation>annulé par {who}</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="228" />
        <source>{active} in progress, {failed} failed</source>
        <translation>{active} en cours, {failed} en échec</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="262" />
        <source>Transfer not changed</source>
        <translation>Envoi non modifié</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="111" />
        <source>Trust the network</source>
        <translation>Faire confiance au réseau</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="112" />
        <source>Enter the operator's root key and choose the signed directory file you received. You can also do this later.</source>
        <translation>Saisissez la clé racine de l'opérateur et choisissez le fichier d'annuaire signé que vous avez reçu. Vous pouvez aussi le faire plus tard.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="115" />
        <location filename="../../ui/wizard.py" line="133" />
        <source>Operator root key</source>
        <translation>Clé racine de l'opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="117" />
        <location filename="../../ui/wizard.py" line="134" />
        <source>Directory file</source>
        <translation>Fichier d'annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="118" />
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="119" />
        <source>Choose the directory file</source>
        <translation>Choisir le fichier d'annuaire</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="121" />
        <source>Trust and install</source>
        <translation>Faire confiance et installer</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="127" />
        <source>Installing the directory from here is not available in this version; use `passerelle trust` and `passerelle directory install`.</source>
        <translation>L'installation de l'annuaire depuis cet écran n'est pas disponible dans cette version ; utilisez `passerelle trust` et `passerelle directory install`.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="142" />
        <source>Signed directory</source>
        <translation>Annuaire signé</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="151" />
        <source>Checking the signatures...</source>
        <translation>Vérification des signatures...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="160" />
        <source>The network is trusted.</source>
        <translation>Le réseau est reconnu.</translation>
    </message>
</context>
</TS>