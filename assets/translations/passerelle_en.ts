<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/journal_page.py" line="33"/>
        <source>Patient decision</source>
        <translation>Patient decision</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="34"/>
        <source>Decision undone</source>
        <translation>Decision undone</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="35"/>
        <source>Study queued for sending</source>
        <translation>Study queued for sending</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="36"/>
        <source>Routing rule added</source>
        <translation>Routing rule added</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="37"/>
        <source>Routing rule deleted</source>
        <translation>Routing rule deleted</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="38"/>
        <source>Routing rule switched on</source>
        <translation>Routing rule switched on</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="39"/>
        <source>Routing rule switched off</source>
        <translation>Routing rule switched off</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="40"/>
        <source>Study stored in the PACS</source>
        <translation>Study stored in the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="43"/>
        <source>linked to {id}</source>
        <translation>linked to {id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="44"/>
        <source>new patient</source>
        <translation>new patient</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="45"/>
        <source>waiting for a person</source>
        <translation>waiting for a person</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="46"/>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="51"/>
        <source>Passerelle (automatic)</source>
        <translation>Passerelle (automatic)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="52"/>
        <source>Technician (rules)</source>
        <translation>Technician (rules)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="75"/>
        <source>rule #{id}</source>
        <translation>rule #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="79"/>
        <source>{files} files to {site}</source>
        <translation>{files} files to {site}</translation>
    </message>
</context>
<context>
    <name>EngineReasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="87"/>
        <source>delivered: signed receipt stored</source>
        <translation>delivered: signed receipt stored</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="88"/>
        <source>received: awaiting reconciliation</source>
        <translation>received: awaiting reconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="89"/>
        <source>nothing to store</source>
        <translation>nothing to store</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="90"/>
        <source>reconciled; no PACS configured to store into</source>
        <translation>reconciled; no PACS configured to store into</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="91"/>
        <source>preparing the files for the PACS</source>
        <translation>preparing the files for the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="92"/>
        <source>rejected at review: not stored in the PACS</source>
        <translation>rejected at review: not stored in the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="93"/>
        <source>the transfer has no files</source>
        <translation>the transfer has no files</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="94"/>
        <source>the peer no longer knows this session</source>
        <translation>the peer no longer knows this session</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="95"/>
        <source>the receiver holds every chunk but has not issued its receipt yet</source>
        <translation>the receiver holds every chunk but has not issued its receipt yet</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="96"/>
        <source>no valid directory installed: run `passerelle directory install`</source>
        <translation>no valid directory installed: run `passerelle directory install`</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="97"/>
        <source>directory expired beyond its grace: new outgoing transfers are stopped</source>
        <translation>directory expired beyond its grace: new outgoing transfers are stopped</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="98"/>
        <source>no directory installed: run `passerelle directory install SIGNED.json`</source>
        <translation>no directory installed: run `passerelle directory install SIGNED.json`</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="99"/>
        <source>directory expired: new outgoing transfers are stopped until a fresh one is installed</source>
        <translation>directory expired: new outgoing transfers are stopped until a fresh one is installed</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="101"/>
        <source>directory expired (grace period): install a fresh one before outgoing transfers stop</source>
        <translation>directory expired (grace period): install a fresh one before outgoing transfers stop</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="103"/>
        <source>this site is not listed in the installed directory: peers will refuse it</source>
        <translation>this site is not listed in the installed directory: peers will refuse it</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="104"/>
        <source>this site is revoked in the directory</source>
        <translation>this site is revoked in the directory</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="105"/>
        <source>the directory lists no endpoint for this site</source>
        <translation>the directory lists no endpoint for this site</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="106"/>
        <source>unknown or expired session</source>
        <translation>unknown or expired session</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="107"/>
        <source>manifest signature does not match the sender&apos;s directory key</source>
        <translation>manifest signature does not match the sender&apos;s directory key</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="108"/>
        <source>paused: receiver storage full, waiting for free space</source>
        <translation>paused: receiver storage full, waiting for free space</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="109"/>
        <source>receiver storage full, retry later</source>
        <translation>receiver storage full, retry later</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="110"/>
        <source>receiver cannot store now, retry later</source>
        <translation>receiver cannot store now, retry later</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="111"/>
        <source>nothing new to store: every file arrived earlier and was stored in the PACS or rejected</source>
        <translation>nothing new to store: every file arrived earlier and was stored in the PACS or rejected</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="113"/>
        <source>cancelled by the sending site</source>
        <translation>cancelled by the sending hospital</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="119"/>
        <source>will try again: {detail}</source>
        <translation>will try again: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="121"/>
        <source>waiting for a person to confirm the patient: {why}</source>
        <translation>waiting for a person to confirm the patient: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="123"/>
        <source>cancelled by {who}</source>
        <translation>cancelled by {who}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="125"/>
        <source>storing into the PACS ({via})</source>
        <translation>storing into the PACS ({via})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="127"/>
        <source>the PACS was not reached or is not complete (attempt {n}); next try in {s} s: {detail}</source>
        <translation>the PACS was not reached or is not complete (attempt {n}); next try in {s} s: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="130"/>
        <source>reconciliation or storing in the PACS failed ({kind}); the files are kept</source>
        <translation>reconciliation or storing in the PACS failed ({kind}); the files are kept</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="133"/>
        <source>{site} is no longer a member of the network (directory)</source>
        <translation>{site} is no longer a member of the network (directory)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="135"/>
        <source>{site} is not a member of the network (directory)</source>
        <translation>{site} is not a member of the network (directory)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="137"/>
        <source>the directory gives no address for {site}</source>
        <translation>the directory gives no address for {site}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="139"/>
        <source>an image of the study is no longer on the appliance ({uid})</source>
        <translation>an image of the study is no longer on the appliance ({uid})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="141"/>
        <source>the other appliance still misses {n} pieces after {rounds} rounds</source>
        <translation>the other appliance still misses {n} pieces after {rounds} rounds</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="143"/>
        <source>the other appliance does not answer ({url})</source>
        <translation>the other appliance does not answer ({url})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="145"/>
        <source>{site} refused the connection: {detail}</source>
        <translation>{site} refused the connection: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="147"/>
        <source>{site} answered the connection with an error (HTTP {status}): {detail}</source>
        <translation>{site} answered the connection with an error (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="149"/>
        <source>the other appliance answered with an error (HTTP {status}): {detail}</source>
        <translation>the other appliance answered with an error (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="151"/>
        <source>the answer of the other appliance failed verification: {detail}</source>
        <translation>the answer of the other appliance failed verification: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="153"/>
        <source>internal error ({kind}): see the log</source>
        <translation>internal error ({kind}): see the log</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="155"/>
        <source>the study was addressed to another site ({site})</source>
        <translation>the study was addressed to another site ({site})</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="157"/>
        <source>the installed directory is refused: {detail}</source>
        <translation>the installed directory is refused: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="159"/>
        <source>the directory could not be refreshed from {url} ({detail}); the installed one is kept</source>
        <translation>the directory could not be refreshed from {url} ({detail}); the installed one is kept</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="163"/>
        <source>this appliance&apos;s storage is full ({free} MiB free, {needed} MiB needed): incoming transfers are paused until space is freed</source>
        <translation>this appliance&apos;s storage is full ({free} MiB free, {needed} MiB needed): incoming transfers are paused until space is freed</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="166"/>
        <source>operator root pinned: {n} root key(s), {t} must sign together</source>
        <translation>operator root pinned: {n} root key(s), {t} must sign together</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="168"/>
        <source>directory version {v} installed: {n} sites</source>
        <translation>directory version {v} installed: {n} sites</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="170"/>
        <source>abandoned: nothing came from the sending hospital for {days} days</source>
        <translation>abandoned: nothing came from the sending hospital for {days} days</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="172"/>
        <source>no answer within {s} s</source>
        <translation>no answer within {s} s</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="174"/>
        <source>answered HTTP {status}: a proxy or another server, not a Passerelle appliance</source>
        <translation>answered HTTP {status}: a proxy or another server, not a Passerelle appliance</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="19"/>
        <source>This hospital is not in the directory of the network. Ask your PACS technician.</source>
        <translation>This hospital is not in the directory of the network. Ask your PACS technician.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Some files are not medical images (DICOM) and were set aside.</source>
        <translation>Some files are not medical images (DICOM) and were set aside.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>The disk of the appliance is full. Work is paused until space is freed.</source>
        <translation>The disk of the appliance is full. Work is paused until space is freed.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>The appliance is not configured correctly. Ask your PACS technician.</source>
        <translation>The appliance is not configured correctly. Ask your PACS technician.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>The appliance could not save its work. Ask your PACS technician.</source>
        <translation>The appliance could not save its work. Ask your PACS technician.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>The PACS did not answer as expected.</source>
        <translation>The PACS did not answer as expected.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="30"/>
        <source>The other side cannot be reached right now. It will be tried again.</source>
        <translation>The other side cannot be reached right now. It will be tried again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>The other hospital&apos;s appliance refused the exchange.</source>
        <translation>The other hospital&apos;s appliance refused the exchange.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>A file or folder could not be read.</source>
        <translation>A file or folder could not be read.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>This could not be done with what was given. The appliance says: {message}</source>
        <translation>This could not be done with what was given. The appliance says: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Something went wrong. The details are for your PACS technician.</source>
        <translation>Something went wrong. The details are for your PACS technician.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="235"/>
        <source>Passerelle: first start</source>
        <translation>Passerelle: first start</translation>
    </message>
</context>
<context>
    <name>HospitalCard</name>
    <message>
        <location filename="../../ui/sites_page.py" line="86"/>
        <source>Hospital {name}: drop studies here to send them</source>
        <translation>Hospital {name}: drop studies here to send them</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="114"/>
        <source>● not reachable</source>
        <translation>● not reachable</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="93"/>
        <source>Fingerprint: {fp}</source>
        <translation>Fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="97"/>
        <source>Drop studies here</source>
        <translation>Drop studies here</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="107"/>
        <source>● reachable (checked {when})</source>
        <translation>● reachable (checked {when})</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="110"/>
        <source>● not checked yet</source>
        <translation>● not checked yet</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="112"/>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>last seen {when}</source>
        <translation>last seen {when}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="115"/>
        <source>never seen</source>
        <translation>never seen</translation>
    </message>
</context>
<context>
    <name>HospitalTarget</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="88"/>
        <source>Send the selected study to {name}</source>
        <translation>Send the selected study to {name}</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/journal_page.py" line="90"/>
        <source>Export the journal</source>
        <translation>Export the journal</translation>
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
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="108"/>
        <location filename="../../ui/journal_page.py" line="125"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="114"/>
        <location filename="../../ui/journal_page.py" line="126"/>
        <source>Person</source>
        <translation>Person</translation>
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
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="121"/>
        <source>Search (study, transfer, patient id)</source>
        <translation>Search (study, transfer, patient id)</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="122"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="131"/>
        <source>Journal entries</source>
        <translation>Journal entries</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="132"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="133"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="140"/>
        <source>&amp;Export to CSV...</source>
        <translation>&amp;Export to CSV...</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="141"/>
        <source>Export to CSV</source>
        <translation>Export to CSV</translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="175"/>
        <source>The journal could not be read.</source>
        <translation>The journal could not be read.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="187"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/journal_page.py" line="199"/>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/journal_page.py" line="201"/>
        <source>%n entries exported</source>
        <translation>
            <numerusform>%n entry exported</numerusform>
            <numerusform>%n entries exported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="78"/>
        <source>Keys of this appliance</source>
        <translation>Keys of this appliance</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="79"/>
        <source>Passerelle creates the keys that prove who this appliance is. They never leave it.</source>
        <translation>Passerelle creates the keys that prove who this appliance is. They never leave it.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="84"/>
        <source>Read this fingerprint aloud to the network operator when you register the site.</source>
        <translation>Read this fingerprint aloud to the network operator when you register the site.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="94"/>
        <source>Creating the keys...</source>
        <translation>Creating the keys...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="101"/>
        <source>Keys created. Site id: {id}</source>
        <translation>Keys created. Site id: {id}</translation>
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
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>PACS search</source>
        <translation>PACS search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Settings</source>
        <translation>Settings</translation>
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
            <numerusform>(%n waiting)</numerusform>
            <numerusform>(%n waiting)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Passerelle: %n patient(s) waiting</source>
        <translation>
            <numerusform>Passerelle: %n patient waiting</numerusform>
            <numerusform>Passerelle: %n patients waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Patients to confirm</source>
        <translation>Patients to confirm</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="188"/>
        <source>%n patient(s) wait for confirmation.</source>
        <translation>
            <numerusform>%n patient waits for confirmation.</numerusform>
            <numerusform>%n patients wait for confirmation.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Engine not answering</source>
        <translation>Engine not answering</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Engine: {state}</source>
        <translation>Engine: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>Transfer failed</source>
        <translation>Transfer failed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="222"/>
        <source>%n transfer(s) failed.</source>
        <translation>
            <numerusform>%n transfer failed.</numerusform>
            <numerusform>%n transfers failed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Open Passerelle</source>
        <translation>Open Passerelle</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>Passerelle keeps working</source>
        <translation>Passerelle keeps working</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Transfers continue in the background. Open from the tray icon.</source>
        <translation>Transfers continue in the background. Open from the tray icon.</translation>
    </message>
</context>
<context>
    <name>PacsForm</name>
    <message>
        <location filename="../../ui/pacs_form.py" line="33"/>
        <source>Test the connection (C-ECHO)</source>
        <translation>Test the connection (C-ECHO)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="34"/>
        <source>Test the connection to the PACS</source>
        <translation>Test the connection to the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="40"/>
        <source>The connection test is not available in this version.</source>
        <translation>The connection test is not available in this version.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS AE title</source>
        <translation>PACS AE title</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="44"/>
        <source>PACS host name or address</source>
        <translation>PACS host name or address</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="45"/>
        <source>PACS port</source>
        <translation>PACS port</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="66"/>
        <source>Fill in the AE title and the host first.</source>
        <translation>Fill in the AE title and the host first.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="69"/>
        <source>Testing...</source>
        <translation>Testing...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_form.py" line="76"/>
        <source>The PACS answered.</source>
        <translation>The PACS answered.</translation>
    </message>
</context>
<context>
    <name>PacsPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="215"/>
        <source>Your PACS</source>
        <translation>Your PACS</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="216"/>
        <source>Where Passerelle stores received studies and finds studies to send. Test the connection before you finish.</source>
        <translation>Where Passerelle stores received studies and finds studies to send. Test the connection before you finish.</translation>
    </message>
</context>
<context>
    <name>PacsSearchPage</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="153"/>
        <source>Search the PACS</source>
        <translation>Search the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="155"/>
        <source>No PACS is configured: set it in Settings to search it from here.</source>
        <translation>No PACS is configured: set it in Settings to search it from here.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="160"/>
        <source>Find a study</source>
        <translation>Find a study</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="163"/>
        <source>e.g. Dupont or DUPONT^Marie</source>
        <translation>e.g. Dupont or DUPONT^Marie</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="167"/>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="170"/>
        <source>Study between</source>
        <translation>Study between</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="180"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <source>Patient name</source>
        <translation>Patient name</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="185"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <source>Accession number</source>
        <translation>Accession number</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="186"/>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Modality</source>
        <translation>Modality</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="187"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="200"/>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="211"/>
        <source>Studies found in the PACS</source>
        <translation>Studies found in the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="213"/>
        <source>Study date</source>
        <translation>Study date</translation>
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
        <translation>Send the selected study to (click, or drag the study onto a hospital)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="223"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>No hospital is listed yet: install the directory of the network.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="276"/>
        <source>Searching the PACS...</source>
        <translation>Searching the PACS...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="282"/>
        <source>The search did not work.</source>
        <translation>The search did not work.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="283"/>
        <source>PACS search</source>
        <translation>PACS search</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="286"/>
        <source>%n study(ies) found.</source>
        <translation>
            <numerusform>%n study found.</numerusform>
            <numerusform>%n studies found.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="287"/>
        <source>No study matches. Check the spelling or widen the dates.</source>
        <translation>No study matches. Check the spelling or widen the dates.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="331"/>
        <source>Retrieving the study of {patient} from the PACS for {site}...</source>
        <translation>Retrieving the study of {patient} from the PACS for {site}...</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="338"/>
        <source>Not sent.</source>
        <translation>Not sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="339"/>
        <source>Study not sent</source>
        <translation>Study not sent</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="342"/>
        <source>This study was already sent to {site}.</source>
        <translation>This study was already sent to {site}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pacs_search_page.py" line="344"/>
        <source>Queued for {site}: %n image(s). Follow it on the Transfers page.</source>
        <translation>
            <numerusform>Queued for {site}: %n image. Follow it on the Transfers page.</numerusform>
            <numerusform>Queued for {site}: %n images. Follow it on the Transfers page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacsSendDialog</name>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="112"/>
        <source>Send to {site}</source>
        <translation>Send to {site}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="116"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Send to &lt;b&gt;{site}&lt;/b&gt;:</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="117"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="120"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth}, id {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} series, {images} images, accession {accession}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (born {birth}, id {pid})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{series} series, {images} images, accession {accession}</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="130"/>
        <source>The appliance first retrieves the study from the PACS, then sends it. Follow it on the Transfers page.</source>
        <translation>The appliance first retrieves the study from the PACS, then sends it. Follow it on the Transfers page.</translation>
    </message>
    <message>
        <location filename="../../ui/pacs_search_page.py" line="135"/>
        <location filename="../../ui/pacs_search_page.py" line="136"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="13"/>
        <source>NISS identical</source>
        <translation>NISS identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="14"/>
        <source>NISS different (valid numbers of two different people)</source>
        <translation>NISS different (valid numbers of two different people)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="15"/>
        <source>NISS differs by one typing error</source>
        <translation>NISS differs by one typing error</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="16"/>
        <source>NISS invalid (check digits) on one side</source>
        <translation>NISS invalid (check digits) on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="17"/>
        <source>NISS missing on one side</source>
        <translation>NISS missing on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="18"/>
        <source>birth date identical</source>
        <translation>birth date identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="19"/>
        <source>birth date partially known and compatible</source>
        <translation>birth date partially known and compatible</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="20"/>
        <source>birth date: day and month swapped</source>
        <translation>birth date: day and month swapped</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="21"/>
        <source>birth date differs in one part</source>
        <translation>birth date differs in one part</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="22"/>
        <source>birth date different in the same year</source>
        <translation>birth date different in the same year</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="23"/>
        <source>birth date different</source>
        <translation>birth date different</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="24"/>
        <source>birth date missing on one side</source>
        <translation>birth date missing on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="25"/>
        <source>birth date partial or mistyped, but the NISS carries the local birth date</source>
        <translation>birth date partial or mistyped, but the NISS carries the local birth date</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="26"/>
        <source>sex identical</source>
        <translation>sex identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="27"/>
        <source>sex different</source>
        <translation>sex different</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="28"/>
        <source>sex missing or unknown on one side</source>
        <translation>sex missing or unknown on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="29"/>
        <source>family name identical</source>
        <translation>family name identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="30"/>
        <source>family name identical apart from spaces in particles</source>
        <translation>family name identical apart from spaces in particles</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="31"/>
        <source>family name identical apart from a particle</source>
        <translation>family name identical apart from a particle</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="32"/>
        <source>family name shares one part of a double name</source>
        <translation>family name shares one part of a double name</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="33"/>
        <source>family name similar</source>
        <translation>family name similar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="34"/>
        <source>family name somewhat similar</source>
        <translation>family name somewhat similar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="35"/>
        <source>family name different</source>
        <translation>family name different</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="36"/>
        <source>family name missing on one side</source>
        <translation>family name missing on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="37"/>
        <source>given names identical</source>
        <translation>given names identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="38"/>
        <source>first given name identical</source>
        <translation>first given name identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="39"/>
        <source>one of the given names identical</source>
        <translation>one of the given names identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="40"/>
        <source>given name matches an initial only</source>
        <translation>given name matches an initial only</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="41"/>
        <source>given name similar</source>
        <translation>given name similar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="42"/>
        <source>given name somewhat similar</source>
        <translation>given name somewhat similar</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="43"/>
        <source>given name different</source>
        <translation>given name different</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="44"/>
        <source>given name missing on one side</source>
        <translation>given name missing on one side</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="45"/>
        <source>family and given names swapped</source>
        <translation>family and given names swapped</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="46"/>
        <source>manual decision</source>
        <translation>manual decision</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="52"/>
        <source>possible twin: same family name, birth date and sex but another given name</source>
        <translation>possible twin: same family name, birth date and sex but another given name</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="53"/>
        <source>another local record has the same name and birth date</source>
        <translation>another local record has the same name and birth date</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="54"/>
        <source>same name and birth date but a different NISS</source>
        <translation>same name and birth date but a different NISS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="55"/>
        <source>the incoming NISS disagrees with the incoming birth date or sex</source>
        <translation>the incoming NISS disagrees with the incoming birth date or sex</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="56"/>
        <source>the NISS disagrees with the local record&apos;s birth date or sex</source>
        <translation>the NISS disagrees with the local record&apos;s birth date or sex</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="57"/>
        <source>two local records share this NISS</source>
        <translation>two local records share this NISS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="58"/>
        <source>the incoming NISS belongs to another local record (relative?)</source>
        <translation>the incoming NISS belongs to another local record (relative?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="59"/>
        <source>newborn without NISS</source>
        <translation>newborn without NISS</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="60"/>
        <source>another local record has the same name and sex but another birth date (parent or child?)</source>
        <translation>another local record has the same name and sex but another birth date (parent or child?)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="62"/>
        <source>the name carries a generation suffix (junior/senior)</source>
        <translation>the name carries a generation suffix (junior/senior)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="63"/>
        <source>another local record has the name and birth date that were sent</source>
        <translation>another local record has the name and birth date that were sent</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="65"/>
        <source>no plausible local record</source>
        <translation>no plausible local record</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="66"/>
        <source>a new patient record must be confirmed by a person (site policy)</source>
        <translation>a new patient record must be confirmed by a person (site policy)</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="67"/>
        <source>all rules for an automatic link hold</source>
        <translation>all rules for an automatic link hold</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="68"/>
        <source>no plausible local record: new patient</source>
        <translation>no plausible local record: new patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="69"/>
        <source>score below the automatic link threshold</source>
        <translation>score below the automatic link threshold</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="70"/>
        <source>the next candidate scores too close</source>
        <translation>the next candidate scores too close</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="71"/>
        <source>birth date not identical</source>
        <translation>birth date not identical</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="72"/>
        <source>NISS different</source>
        <translation>NISS different</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="73"/>
        <source>names not close enough for an automatic link</source>
        <translation>names not close enough for an automatic link</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="74"/>
        <source>names swapped: a person must confirm</source>
        <translation>names swapped: a person must confirm</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="76"/>
        <source>the study&apos;s files name more than one patient</source>
        <translation>the study&apos;s files name more than one patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="77"/>
        <source>another part of this study was stored for another patient</source>
        <translation>another part of this study was stored for another patient</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="78"/>
        <source>another part of this study was rejected at review</source>
        <translation>another part of this study was rejected at review</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="79"/>
        <source>another part of this study was stored for this local record, under the same patient data</source>
        <translation>another part of this study was stored for this local record, under the same patient data</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals.py" line="17"/>
        <source>this incoming transfer never arrived whole: there is nothing to store; only the sending site can send it again</source>
        <translation>this incoming transfer never arrived whole: there is nothing to store; only the sending hospital can send it again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="25"/>
        <source>this study&apos;s files name more than one patient: every file would be stored under the chosen record, so it can only be rejected; ask the sending site to correct it</source>
        <translation>this study&apos;s files name more than one patient: every file would be stored under the chosen record, so it can only be rejected; ask the sending hospital to correct it</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="28"/>
        <source>a manual decision needs the name of the person who takes it</source>
        <translation>a manual decision needs the name of the person who takes it</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29"/>
        <source>choose a patient of the local index to link to</source>
        <translation>choose a local patient to link the study to</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="30"/>
        <source>a rejected study needs a reason</source>
        <translation>a rejected study needs a reason</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="31"/>
        <source>undoing a decision needs the name of the person who does it</source>
        <translation>undoing a decision needs the name of the person who does it</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="32"/>
        <source>give at least a name, a birth date or a NISS to search</source>
        <translation>give at least a name, a birth date or a NISS to search</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33"/>
        <source>this patient has already been handled (by someone else or an earlier action)</source>
        <translation>this patient has already been handled (by someone else or an earlier action)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34"/>
        <source>this decision cannot be undone (it is not the latest manual decision)</source>
        <translation>this decision cannot be undone (it is not the latest manual decision)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="35"/>
        <source>this study has already been sent to the PACS; the decision can no longer be undone</source>
        <translation>this study has already been sent to the PACS; the decision can no longer be undone</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="37"/>
        <source>another part of this study is already stored for another local record: link to that record or reject</source>
        <translation>another part of this study is already stored for another local record: link to that record or reject</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40"/>
        <source>give a patient name, a patient id, an accession number or a date</source>
        <translation>give a patient name, a patient id, an accession number or a date</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41"/>
        <source>the first date is after the last one</source>
        <translation>the first date is after the last one</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="42"/>
        <source>a modality is a DICOM code such as CT, MR, US</source>
        <translation>a modality is a DICOM code such as CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="43"/>
        <source>the PACS does not hold this study (any more): search again</source>
        <translation>the PACS does not hold this study (any more): search again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44"/>
        <source>no PACS is configured on this appliance: set it in the settings first</source>
        <translation>no PACS is configured on this appliance: set it in Settings first</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47"/>
        <source>no DICOM file found</source>
        <translation>no DICOM file found</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48"/>
        <source>a study cannot be sent to this site itself</source>
        <translation>a study cannot be sent to this hospital itself</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="49"/>
        <source>--modality takes DICOM modality codes such as CT, MR, US</source>
        <translation>a modality is a DICOM code such as CT, MR, US</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="50"/>
        <source>a routing rule needs a destination site</source>
        <translation>a routing rule needs a destination hospital</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="51"/>
        <source>a routing rule needs at least one criterion (it never sends everything)</source>
        <translation>a routing rule needs at least one criterion (it never sends every study)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52"/>
        <source>--max-age-days must be zero (no limit) or more</source>
        <translation>the maximum age of the study must be zero (no limit) or more</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="54"/>
        <source>root key must be base64 (the text `directory create-operator-key` printed)</source>
        <translation>root key must be base64 (the text `directory create-operator-key` printed)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="55"/>
        <source>root key must be a 32-byte Ed25519 public key</source>
        <translation>root key must be a 32-byte Ed25519 public key</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62"/>
        <source>dates are written YYYYMMDD (not {value})</source>
        <translation>dates are written YYYYMMDD (not {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="64"/>
        <source>the PACS sent {have} of the {expected} images of the study: try again later</source>
        <translation>the PACS sent {have} of the {expected} images of the study: try again later</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="66"/>
        <source>this file or folder does not exist: {path}</source>
        <translation>this file or folder does not exist: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="68"/>
        <source>nothing to send: {detail}</source>
        <translation>nothing to send: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="70"/>
        <source>unknown hospital {site}: no directory of the network is installed on this appliance</source>
        <translation>unknown hospital {site}: no directory of the network is installed on this appliance</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="73"/>
        <source>unknown hospital {site}; the hospitals in the directory: {names}</source>
        <translation>unknown hospital {site}; the hospitals in the directory: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="75"/>
        <source>routing rule #{n} no longer exists</source>
        <translation>routing rule #{n} no longer exists</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77"/>
        <source>the DICOMweb address must start with http:// or https:// (not {value})</source>
        <translation>the DICOMweb address must start with http:// or https:// (not {value})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="79"/>
        <source>the root set file {path} was not found</source>
        <translation>the root set file {path} was not found</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="81"/>
        <source>the directory file {path} was not found</source>
        <translation>the directory file {path} was not found</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="34"/>
        <source>Reject the study</source>
        <translation>Reject the study</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="37"/>
        <location filename="../../ui/review_dialogs.py" line="53"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Study sent to the wrong hospital</source>
        <translation>Study sent to the wrong hospital</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="39"/>
        <source>Patient unknown here</source>
        <translation>Patient unknown here</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Duplicate of a study already received</source>
        <translation>Duplicate of a study already received</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="40"/>
        <source>Other reason (write it below)</source>
        <translation>Other reason (write it below)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="43"/>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="44"/>
        <source>Write the reason</source>
        <translation>Write the reason</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="50"/>
        <source>Why is this study rejected? The sending hospital is not told automatically.</source>
        <translation>Why is this study rejected? The sending hospital is not told automatically.</translation>
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
        <translation>Patients waiting for confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="108"/>
        <source>Incoming study</source>
        <translation>Incoming study</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Sending hospital</source>
        <translation>Sending hospital</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="112"/>
        <source>Study date</source>
        <translation>Study date</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="113"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="122"/>
        <source>Why Passerelle asks you to decide:</source>
        <translation>Why Passerelle asks you to decide:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="138"/>
        <source>Incoming patient and local candidates</source>
        <translation>Incoming patient and local candidates</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="140"/>
        <source>Birth date</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>NISS</source>
        <translation>NISS</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="161"/>
        <source>Reasons for the score</source>
        <translation>Reasons for the score</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="165"/>
        <source>&amp;Confirm this patient</source>
        <translation>&amp;Confirm this patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="166"/>
        <source>Link the incoming study to the selected local patient (Enter)</source>
        <translation>Link the incoming study to the selected local patient (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="167"/>
        <source>&amp;Search by hand...</source>
        <translation>&amp;Search by hand...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="168"/>
        <source>&amp;New patient</source>
        <translation>&amp;New patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="169"/>
        <source>&amp;Reject...</source>
        <translation>&amp;Reject...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="170"/>
        <source>&amp;Undo last decision</source>
        <translation>&amp;Undo last decision</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="158"/>
        <source>Why this score:</source>
        <translation>Why this score:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="129"/>
        <source>Why this patient waits for a person</source>
        <translation>Why this patient waits for a person</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="141"/>
        <source>Patient id</source>
        <translation>Patient id</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="145"/>
        <source>Incoming row: the id given by the sending hospital. Candidates: the id in this hospital&apos;s patient index.</source>
        <translation>Incoming row: the id given by the sending hospital. Candidates: the id in this hospital&apos;s patient index.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="222"/>
        <source>The waiting list could not be read.</source>
        <translation>The waiting list could not be read.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_page.py" line="252"/>
        <source>%n patient(s) waiting</source>
        <translation>
            <numerusform>%n patient waiting</numerusform>
            <numerusform>%n patients waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="252"/>
        <source>Nobody is waiting</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="280"/>
        <source>Incoming</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="286"/>
        <source>Id of this patient in our patient index</source>
        <translation>Id of this patient in our patient index</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>(no id sent)</source>
        <translation>(no id sent)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305"/>
        <source>{id} (sender&apos;s id)</source>
        <translation>{id} (sender&apos;s id)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="306"/>
        <source>The patient&apos;s id at the sending hospital ({hospital}), not an id of this hospital</source>
        <translation>The patient&apos;s id at the sending hospital ({hospital}), not an id of this hospital</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="331"/>
        <source>Differs from the incoming patient</source>
        <translation>Differs from the incoming patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="335"/>
        <source>Same as the incoming patient</source>
        <translation>Same as the incoming patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="338"/>
        <source>Missing on one side</source>
        <translation>Missing on one side</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="355"/>
        <source>Why {name} scores {score} %:</source>
        <translation>Why {name} scores {score} %:</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="357"/>
        <source>No reasons given.</source>
        <translation>No reasons given.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="389"/>
        <source>Saving...</source>
        <translation>Saving...</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="395"/>
        <source>The decision was not saved.</source>
        <translation>The decision was not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="396"/>
        <source>Decision not saved</source>
        <translation>Decision not saved</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="400"/>
        <source>Linked to the local patient {id}. You can undo until the study is sent to the PACS.</source>
        <translation>Linked to the local patient {id}. You can undo until the study is sent to the PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="401"/>
        <source>A new patient will be created. You can undo until the study is sent to the PACS.</source>
        <translation>A new patient will be created. You can undo until the study is sent to the PACS.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="402"/>
        <source>The study is rejected. You can still undo this.</source>
        <translation>The study is rejected. You can still undo this.</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="418"/>
        <source>Undo not possible</source>
        <translation>Undo not possible</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="420"/>
        <source>Decision undone: the patient is back in the waiting list.</source>
        <translation>Decision undone: the patient is back in the waiting list.</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>Change rule #{id}</source>
        <translation>Change rule #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="38"/>
        <source>New rule</source>
        <translation>New rule</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="52"/>
        <source>e.g. Thorax CT for the pneumologists</source>
        <translation>e.g. Thorax CT for the pneumologists</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="53"/>
        <source>The referring physician is on this hospital&apos;s list in the directory</source>
        <translation>The referring physician is on this hospital&apos;s list in the directory</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="57"/>
        <source>One name per line, e.g. DUPONT^Jean</source>
        <translation>One name per line, e.g. DUPONT^Jean</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="60"/>
        <source>e.g. CT, MR (empty: any)</source>
        <translation>e.g. CT, MR (empty: any)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="62"/>
        <source>e.g. CT THORAX* (* matches anything)</source>
        <translation>e.g. CT THORAX* (* matches anything)</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="67"/>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="68"/>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="70"/>
        <source>Rule enabled</source>
        <translation>Rule enabled</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Send to</source>
        <translation>Send to</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="74"/>
        <source>Name of the rule</source>
        <translation>Name of the rule</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="75"/>
        <source>Referring physician</source>
        <translation>Referring physician</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="76"/>
        <source>Or one of these physicians</source>
        <translation>Or one of these physicians</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="79"/>
        <source>Maximum age of the study</source>
        <translation>Maximum age of the study</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Modalities</source>
        <translation>Modalities</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="77"/>
        <source>Study description</source>
        <translation>Study description</translation>
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
        <translation>A study is sent when it meets every criterion given. Empty criteria match any study, but a rule needs at least one.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="91"/>
        <location filename="../../ui/rule_dialog.py" line="92"/>
        <source>Save the rule</source>
        <translation>Save the rule</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="116"/>
        <source>Choose the hospital the studies go to.</source>
        <translation>Choose the hospital the studies go to.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="119"/>
        <source>Give at least one criterion: a rule never sends every study.</source>
        <translation>Give at least one criterion: a rule never sends every study.</translation>
    </message>
    <message>
        <location filename="../../ui/rule_dialog.py" line="121"/>
        <source>Modalities are DICOM codes such as CT, MR, US, separated by commas.</source>
        <translation>Modalities are DICOM codes such as CT, MR, US, separated by commas.</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../ui/rules_page.py" line="40"/>
        <location filename="../../ui/rules_page.py" line="51"/>
        <source>Routing rules</source>
        <translation>Routing rules</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="52"/>
        <source>Name</source>
        <translation>Name</translation>
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
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="41"/>
        <source>Studies of the PACS that meet a rule are sent to its hospital automatically, once each, as soon as they are complete. Every criterion given must hold.</source>
        <translation>Studies of the PACS that meet a rule are sent to its hospital automatically, once each, as soon as they are complete. Every criterion given must hold.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="45"/>
        <source>No PACS is configured: the rules take effect once the PACS is set in Settings.</source>
        <translation>No PACS is configured: the rules take effect once the PACS is set in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="67"/>
        <source>No rule yet: studies are only sent by hand.</source>
        <translation>No rule yet: studies are only sent by hand.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="69"/>
        <source>Add rule</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="70"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="100"/>
        <source>The rules could not be read.</source>
        <translation>The rules could not be read.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="128"/>
        <source>referring physician on the hospital&apos;s list</source>
        <translation>referring physician on the hospital&apos;s list</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="131"/>
        <source>referring physician: {names}</source>
        <translation>referring physician: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="133"/>
        <source>modality {list}</source>
        <translation>modality {list}</translation>
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
        <translation>study at most {n} days old</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="152"/>
        <source>Install the directory of the network first.</source>
        <translation>Install the directory of the network first.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="170"/>
        <source>Saving...</source>
        <translation>Saving...</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="176"/>
        <source>The rule was not saved.</source>
        <translation>The rule was not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="177"/>
        <source>Rule not saved</source>
        <translation>Rule not saved</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="179"/>
        <source>Rule #{id} saved.</source>
        <translation>Rule #{id} saved.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="186"/>
        <location filename="../../ui/rules_page.py" line="190"/>
        <source>Delete the rule</source>
        <translation>Delete the rule</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="187"/>
        <source>Delete the rule sending to {site}? Studies it already sent stay sent.</source>
        <translation>Delete the rule sending to {site}? Studies it already sent stay sent.</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="209"/>
        <source>Rule not changed</source>
        <translation>Rule not changed</translation>
    </message>
    <message>
        <location filename="../../ui/rules_page.py" line="71"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="79"/>
        <source>Search the local patients</source>
        <translation>Search the local patients</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="84"/>
        <source>YYYYMMDD</source>
        <translation>YYYYMMDD</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <location filename="../../ui/review_dialogs.py" line="97"/>
        <source>Birth date</source>
        <translation>Birth date</translation>
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
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="96"/>
        <source>Patients found</source>
        <translation>Patients found</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="98"/>
        <source>Local id</source>
        <translation>Local id</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="107"/>
        <source>Link to this patient</source>
        <translation>Link to this patient</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="121"/>
        <source>Searching...</source>
        <translation>Searching...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review_dialogs.py" line="130"/>
        <source>%n patient(s) found</source>
        <translation>
            <numerusform>%n patient found</numerusform>
            <numerusform>%n patients found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../ui/send_dialog.py" line="20"/>
        <source>Send to {site}</source>
        <translation>Send to {site}</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="24"/>
        <source>Send to &lt;b&gt;{site}&lt;/b&gt;:</source>
        <translation>Send to &lt;b&gt;{site}&lt;/b&gt;:</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="27"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="30"/>
        <source>&lt;b&gt;{patient}&lt;/b&gt; (born {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} files, {size}</source>
        <translation>&lt;b&gt;{patient}&lt;/b&gt; (born {birth})&lt;br&gt;{date} · {description} {modalities}&lt;br&gt;{files} files, {size}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="38"/>
        <source>In total: %n file(s)</source>
        <translation>
            <numerusform>In total: %n file</numerusform>
            <numerusform>In total: %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/send_dialog.py" line="41"/>
        <source>%n file(s) are not DICOM images and will be left out.</source>
        <translation>
            <numerusform>%n file is not a DICOM image and will be left out.</numerusform>
            <numerusform>%n files are not DICOM images and will be left out.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="45"/>
        <source>Only the first files were read for this summary; all will be sent.</source>
        <translation>Only the first files were read for this summary; all will be sent.</translation>
    </message>
    <message>
        <location filename="../../ui/send_dialog.py" line="47"/>
        <location filename="../../ui/send_dialog.py" line="48"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="56"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57"/>
        <source>This appliance</source>
        <translation>This appliance</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="72"/>
        <source>A person confirms every new patient</source>
        <translation>A person confirms every new patient</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="73"/>
        <source>Create new patients automatically</source>
        <translation>Create new patients automatically</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Site name</source>
        <translation>Site name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="75"/>
        <source>Our AE title</source>
        <translation>Our AE title</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>DICOM port</source>
        <translation>DICOM port</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76"/>
        <source>Peer port (HTTPS)</source>
        <translation>Peer port (HTTPS)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="77"/>
        <source>New patients</source>
        <translation>New patients</translation>
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
        <translation>DICOMweb address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="88"/>
        <source>Optional. When set, received studies are stored in the PACS with DICOMweb (STOW-RS) instead of C-STORE, and the PACS is searched with QIDO-RS when no AE title and host are given.</source>
        <translation>Optional. When set, received studies are stored in the PACS with DICOMweb (STOW-RS) instead of C-STORE, and the PACS is searched with QIDO-RS when no AE title and host are given.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="98"/>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106"/>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Public address</source>
        <translation>Public address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="109"/>
        <source>Directory address</source>
        <translation>Directory address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="110"/>
        <source>Bandwidth limit</source>
        <translation>Bandwidth limit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="113"/>
        <source>Changes take effect when the appliance restarts.</source>
        <translation>Changes take effect when the appliance restarts.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="114"/>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="115"/>
        <source>Save the settings</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="150"/>
        <source>Write a full address starting with http:// or https://.</source>
        <translation>Write a full address starting with http:// or https://.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="163"/>
        <location filename="../../ui/settings_page.py" line="171"/>
        <source>Settings not saved</source>
        <translation>Settings not saved</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="174"/>
        <source>Saved. Restart the appliance to apply the changes.</source>
        <translation>Saved. Restart the appliance to apply the changes.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="42"/>
        <source>Name this appliance</source>
        <translation>Name this appliance</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="43"/>
        <source>The other hospitals see this name. The DICOM settings are those your PACS will use to send studies to Passerelle.</source>
        <translation>The other hospitals see this name. The DICOM settings are those your PACS will use to send studies to Passerelle.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="46"/>
        <source>e.g. CHR Citadelle</source>
        <translation>e.g. CHR Citadelle</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Site name</source>
        <translation>Site name</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="55"/>
        <source>Our AE title</source>
        <translation>Our AE title</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>DICOM port</source>
        <translation>DICOM port</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="56"/>
        <source>Peer port (HTTPS)</source>
        <translation>Peer port (HTTPS)</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <location filename="../../ui/sites_page.py" line="45"/>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="46"/>
        <source>expired, grace period: install a fresh directory</source>
        <translation>expired, grace period: install a fresh directory</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="47"/>
        <source>expired: outgoing transfers are stopped</source>
        <translation>expired: outgoing transfers are stopped</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="59"/>
        <source>yesterday at {time}</source>
        <translation>yesterday at {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="154"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="155"/>
        <source>Directory of the network</source>
        <translation>Directory of the network</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>This site</source>
        <translation>This site</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="158"/>
        <source>Our fingerprint</source>
        <translation>Our fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Directory version</source>
        <translation>Directory version</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="159"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Operator fingerprint</source>
        <translation>Operator fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="160"/>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="166"/>
        <source>To send a study, drag its files, its folder or its DICOMDIR onto a hospital.</source>
        <translation>To send a study, drag its files, its folder or its DICOMDIR onto a hospital.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="168"/>
        <source>Check the connections now</source>
        <translation>Check the connections now</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="177"/>
        <source>No hospital is listed yet: install the directory of the network.</source>
        <translation>No hospital is listed yet: install the directory of the network.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="194"/>
        <source>not installed</source>
        <translation>not installed</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="198"/>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="228"/>
        <source>Connections not checked</source>
        <translation>Connections not checked</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="234"/>
        <source>Reading the files...</source>
        <translation>Reading the files...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="243"/>
        <source>The files could not be read.</source>
        <translation>The files could not be read.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="244"/>
        <source>Files not sent</source>
        <translation>Files not sent</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="246"/>
        <source>{n} studies, {size}</source>
        <translation>{n} studies, {size}</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="259"/>
        <source>Queuing...</source>
        <translation>Queuing...</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="268"/>
        <source>Not sent.</source>
        <translation>Not sent.</translation>
    </message>
    <message>
        <location filename="../../ui/sites_page.py" line="269"/>
        <source>Study not sent</source>
        <translation>Study not sent</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="273"/>
        <source>%n study(ies) queued</source>
        <translation>
            <numerusform>%n study queued</numerusform>
            <numerusform>%n studies queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sites_page.py" line="275"/>
        <source>%n already sent</source>
        <translation>
            <numerusform>%n already sent</numerusform>
            <numerusform>%n already sent</numerusform>
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
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="50"/>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="51"/>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52"/>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>TransferStates</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="50"/>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="51"/>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="52"/>
        <source>Receiving</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="53"/>
        <source>Waiting for patient confirmation</source>
        <translation>Waiting for patient confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="54"/>
        <source>Storing in the PACS</source>
        <translation>Storing in the PACS</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="55"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="56"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="68"/>
        <source>Waiting to try again</source>
        <translation>Waiting to try again</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="69"/>
        <source>Receiving paused: storage full</source>
        <translation>Receiving paused: storage full</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="59"/>
        <source>Hospital</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="60"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="61"/>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="62"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="176"/>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="177"/>
        <source>Inbound</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="186"/>
        <source>{done} of {total}</source>
        <translation>{done} of {total}</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../../ui/transfers_page.py" line="229"/>
        <location filename="../../ui/transfers_page.py" line="250"/>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="240"/>
        <source>&amp;Retry</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="241"/>
        <source>&amp;Cancel transfer</source>
        <translation>&amp;Cancel transfer</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="268"/>
        <source>{active} in progress, {failed} failed</source>
        <translation>{active} in progress, {failed} failed</translation>
    </message>
    <message>
        <location filename="../../ui/transfers_page.py" line="312"/>
        <source>Transfer not changed</source>
        <translation>Transfer not changed</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="115"/>
        <source>Trust the network</source>
        <translation>Trust the network</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="127"/>
        <source>Operator root key</source>
        <translation>Operator root key</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="139"/>
        <location filename="../../ui/wizard.py" line="163"/>
        <source>Directory file</source>
        <translation>Directory file</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="132"/>
        <location filename="../../ui/wizard.py" line="140"/>
        <source>Browse...</source>
        <translation>Browse...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="116"/>
        <source>Enter the operator&apos;s root key, or choose the root set file (ROOTS.json) if the operator gave you one, and choose the signed directory file you received. You can also do this later.</source>
        <translation>Enter the operator&apos;s root key, or choose the root set file (ROOTS.json) if the operator gave you one, and choose the signed directory file you received. You can also do this later.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="119"/>
        <source>One root key</source>
        <translation>One root key</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="120"/>
        <source>A root set file (ROOTS.json)</source>
        <translation>A root set file (ROOTS.json)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="128"/>
        <source>the text the operator gave you (base64)</source>
        <translation>the text the operator gave you (base64)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="130"/>
        <source>Root set file</source>
        <translation>Root set file</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="133"/>
        <source>Choose the root set file</source>
        <translation>Choose the root set file</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="135"/>
        <source>The file lists the operator&apos;s root keys and how many of them must sign the directory together.</source>
        <translation>The file lists the operator&apos;s root keys and how many of them must sign the directory together.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="141"/>
        <source>Choose the directory file</source>
        <translation>Choose the directory file</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="143"/>
        <source>Trust and install</source>
        <translation>Trust and install</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="149"/>
        <source>Installing the directory from here is not available in this version; use `passerelle trust` and `passerelle directory install`.</source>
        <translation>Installing the directory from here is not available in this version; use `passerelle trust` and `passerelle directory install`.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="158"/>
        <source>Operator root</source>
        <translation>Operator root</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="178"/>
        <source>Signed directory</source>
        <translation>Signed directory</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="183"/>
        <source>Root set of the operator</source>
        <translation>Root set of the operator</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="199"/>
        <source>Checking the signatures...</source>
        <translation>Checking the signatures...</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="209"/>
        <source>The network is trusted.</source>
        <translation>The network is trusted.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <location filename="../../ui/app.py" line="81"/>
        <source>demo — its PACS is a stand-in archive, not a PACS</source>
        <translation>demo — its PACS is a stand-in archive, not a PACS</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="82"/>
        <source>demo</source>
        <translation>demo</translation>
    </message>
</context>
</TS>
