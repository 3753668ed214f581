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
<context>
    <name>OperationTexts</name>
    <message numerus="yes">
        <source>Redeem “%1” for member %2: %n point(s).</source>
        <translation>
            <numerusform>Redeem “%1” for member %2: %n point.</numerusform>
            <numerusform>Redeem “%1” for member %2: %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline, a cashier may redeem up to %n point(s) per member a day; %1 already used today.</source>
        <translation>
            <numerusform>Offline, a cashier may redeem up to %n point per member a day; %1 already used today.</numerusform>
            <numerusform>Offline, a cashier may redeem up to %n points per member a day; %1 already used today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reverse the redemption of “%1” for member %2 (%3): %n point(s) given back.</source>
        <translation>
            <numerusform>Reverse the redemption of “%1” for member %2 (%3): %n point given back.</numerusform>
            <numerusform>Reverse the redemption of “%1” for member %2 (%3): %n points given back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refund %1 of the %2 purchase of member %3 (%4): %n point(s) taken back.</source>
        <translation>
            <numerusform>Refund %1 of the %2 purchase of member %3 (%4): %n point taken back.</numerusform>
            <numerusform>Refund %1 of the %2 purchase of member %3 (%4): %n points taken back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) redeemed for “%1”.</source>
        <translation>
            <numerusform>%n point redeemed for “%1”.</numerusform>
            <numerusform>%n points redeemed for “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reversed: %n point(s) given back.</source>
        <translation>
            <numerusform>Reversed: %n point given back.</numerusform>
            <numerusform>Reversed: %n points given back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purchase %1: %n point(s) awarded.</source>
        <translation>
            <numerusform>Purchase %1: %n point awarded.</numerusform>
            <numerusform>Purchase %1: %n points awarded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refunded %1: %n point(s) taken back.</source>
        <translation>
            <numerusform>Refunded %1: %n point taken back.</numerusform>
            <numerusform>Refunded %1: %n points taken back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remaining %1 and %n point(s).</source>
        <translation>
            <numerusform>Remaining %1 and %n point.</numerusform>
            <numerusform>Remaining %1 and %n points.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message numerus="yes">
        <source>Partly handed over: %n item(s) still to hand over.</source>
        <translation>
            <numerusform>Partly handed over: %n item still to hand over.</numerusform>
            <numerusform>Partly handed over: %n items still to hand over.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready for pickup: %n item(s) to hand over.</source>
        <translation>
            <numerusform>Ready for pickup: %n item to hand over.</numerusform>
            <numerusform>Ready for pickup: %n items to hand over.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n earlier handover(s)</source>
        <translation>
            <numerusform>… and %n earlier handover</numerusform>
            <numerusform>… and %n earlier handovers</numerusform>
        </translation>
    </message>
</context>
</TS>
