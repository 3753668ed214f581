<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ReportScreen</name>
    <message numerus="yes">
        <source>%1 in %n operation(s)</source>
        <translation>
            <numerusform>%1 in %n operation</numerusform>
            <numerusform>%1 in %n operations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TillSaleNotice</name>
    <message numerus="yes">
        <source>%n more sale(s) waiting.</source>
        <translation>
            <numerusform>%n more sale waiting.</numerusform>
            <numerusform>%n more sales waiting.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TierCard</name>
    <message numerus="yes">
        <source>%n operation(s) waiting to sync (%1 points)</source>
        <translation>
            <numerusform>%n operation waiting to sync (%1 points)</numerusform>
            <numerusform>%n operations waiting to sync (%1 points)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message numerus="yes">
        <source>Awarded %n point(s).</source>
        <translation>
            <numerusform>Awarded %n point.</numerusform>
            <numerusform>Awarded %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reward redeemed: %n point(s) deducted.</source>
        <translation>
            <numerusform>Reward redeemed: %n point deducted.</numerusform>
            <numerusform>Reward redeemed: %n points deducted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checked in: %n point(s) added.</source>
        <translation>
            <numerusform>Checked in: %n point added.</numerusform>
            <numerusform>Checked in: %n points added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refund recorded: %n point(s) taken back.</source>
        <translation>
            <numerusform>Refund recorded: %n point taken back.</numerusform>
            <numerusform>Refund recorded: %n points taken back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redemption reversed: %n point(s) given back.</source>
        <translation>
            <numerusform>Redemption reversed: %n point given back.</numerusform>
            <numerusform>Redemption reversed: %n points given back.</numerusform>
        </translation>
    </message>
</context>
</TS>
