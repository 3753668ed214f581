<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Approvals</name>
    <message>
        <location filename="../controllers/approvals.py" line="58"/>
        <source>No rewards are available yet. Sync the terminal.</source>
        <translation>暂无可兑换的礼品，请先同步终端。</translation>
    </message>
    <message>
        <location filename="../controllers/approvals.py" line="137"/>
        <source>Not approved: nothing was redeemed.</source>
        <translation>未获授权：未兑换任何礼品。</translation>
    </message>
    <message>
        <location filename="../controllers/approvals.py" line="155"/>
        <source>A refund needs a supervisor&apos;s approval.</source>
        <translation>退款需要主管批准。</translation>
    </message>
    <message>
        <location filename="../controllers/approvals.py" line="172"/>
        <source>Not approved: nothing was refunded.</source>
        <translation>未获批准：没有退款。</translation>
    </message>
    <message>
        <location filename="../controllers/approvals.py" line="189"/>
        <source>A new PIN needs your current one.</source>
        <translation>设置新密码需要输入当前密码。</translation>
    </message>
    <message>
        <location filename="../controllers/approvals.py" line="221"/>
        <source>Diagnostics and set-up need a technician sign-in.</source>
        <translation>诊断和设置需要技术员登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="132"/>
        <location filename="../views/main_window.py" line="133"/>
        <source>Loyalty counter</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="134"/>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="135"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="136"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="137"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="138"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="140"/>
        <source>中文</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="141"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="167"/>
        <source>Nobody signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="184"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="187"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="187"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="191"/>
        <source>%1 to send</source>
        <translation>待发送 %1 条</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="194"/>
        <source>Synced %1</source>
        <translation>同步于 %1</translation>
    </message>
</context>
<context>
    <name>MemberScreen</name>
    <message>
        <location filename="../views/member.py" line="231"/>
        <source>Purchase amount (¥)</source>
        <translation>消费金额（¥）</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="233"/>
        <source>Award points</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="234"/>
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="235"/>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="236"/>
        <source>Use coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="237"/>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="238"/>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
</context>
<context>
    <name>OperationTexts</name>
    <message>
        <location filename="../operation_texts.py" line="24"/>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="26"/>
        <source>%1% off</source>
        <translation>优惠 %1%</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="29"/>
        <source>free gift: %1</source>
        <translation>赠品：%1</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="31"/>
        <source>free gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="33"/>
        <source>unknown benefit: ask the hotline</source>
        <translation>未知优惠：请致电客服热线</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="40"/>
        <source>Coupon %1: %2</source>
        <translation>优惠券 %1：%2</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="47"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="67"/>
        <source>This is a coupon code: only the coupon can be used. Points, rewards and check-in need the member&apos;s checkout code.</source>
        <translation>这是优惠券码：只能使用优惠券。积分、兑换和签到需要会员的结账码。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="73"/>
        <source>This is a check-in code: points, rewards and points as cash need the member&apos;s checkout code.</source>
        <translation>这是签到码：积分、兑换和积分抵现需要会员的结账码。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="79"/>
        <source>No coupon in this code: ask the member to open the coupon&apos;s code.</source>
        <translation>此码不含优惠券：请会员打开优惠券的码。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="82"/>
        <source>This code cannot be used for: %1.</source>
        <translation>此码不能用于：%1。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="90"/>
        <source>This coupon was already used at another counter (the last sync says so).</source>
        <translation>此优惠券已在其他柜台使用（据最近一次同步）。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="94"/>
        <source>This coupon has already been used at this terminal.</source>
        <translation>此优惠券已在本终端使用。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="102"/>
        <source>award points</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="103"/>
        <source>points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="104"/>
        <source>redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="105"/>
        <source>use coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="106"/>
        <source>check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="107"/>
        <source>pickup</source>
        <translation>自提</translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="118"/>
        <source>Redeem “%1” for member %2: %n point(s).</source>
        <translation>
            <numerusform>为会员 %2 兑换“%1”：%n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="125"/>
        <source>The member also pays %1.</source>
        <translation>会员另付 %1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="128"/>
        <source>Offline, a cashier may redeem up to %n point(s) per member a day; %1 already used today.</source>
        <translation>
            <numerusform>离线时，收银员每天为每位会员最多可兑换 %n 积分；今天已用 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="141"/>
        <source>Reverse the redemption of “%1” for member %2 (%3): %n point(s) given back.</source>
        <translation>
            <numerusform>撤销会员 %2 的兑换“%1”（%3）：退还 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="151"/>
        <source>Refund %1 of the %2 purchase of member %3 (%4): %n point(s) taken back.</source>
        <translation>
            <numerusform>退款 %1（会员 %3 的 %2 消费，%4）：扣回 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="163"/>
        <source>%1 of it was refunded before.</source>
        <translation>此前已退 %1。</translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="173"/>
        <source>%1 for member %2 at %3.</source>
        <translation>%3 会员 %2 的%1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="179"/>
        <source>%n point(s) redeemed for “%1”.</source>
        <translation>
            <numerusform>兑换“%1”用了 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="183"/>
        <source>Reversed: %n point(s) given back.</source>
        <translation>
            <numerusform>已撤销：退还 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="185"/>
        <source>Not reversed.</source>
        <translation>未撤销。</translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="188"/>
        <source>Purchase %1: %n point(s) awarded.</source>
        <translation>
            <numerusform>消费 %1：发放 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="192"/>
        <source>Nothing refunded yet.</source>
        <translation>尚未退款。</translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="195"/>
        <source>Refunded %1: %n point(s) taken back.</source>
        <translation>
            <numerusform>已退 %1：扣回 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../operation_texts.py" line="198"/>
        <source>Remaining %1 and %n point(s).</source>
        <translation>
            <numerusform>剩余 %1 和 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../operation_texts.py" line="234"/>
        <source>reversed</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="125"/>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="126"/>
        <source>Confirm with your current PIN</source>
        <translation>请输入当前密码确认</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="127"/>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="128"/>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="130"/>
        <location filename="../views/dialogs.py" line="131"/>
        <source>Technician sign-in</source>
        <translation>技术员登录</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="132"/>
        <source>Technician ID</source>
        <translation>技术员工号</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="133"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="135"/>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="136"/>
        <source>Supervisor approval needed</source>
        <translation>需要主管授权</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="137"/>
        <source>Supervisor ID</source>
        <translation>主管工号</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="138"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="139"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="140"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PhoneWindow</name>
    <message>
        <location filename="../demo.py" line="167"/>
        <source>Member&apos;s phone (wallet)</source>
        <translation>会员手机（钱包）</translation>
    </message>
    <message>
        <location filename="../demo.py" line="177"/>
        <source>Show a new code to the camera</source>
        <translation>向摄像头出示新码</translation>
    </message>
    <message>
        <location filename="../demo.py" line="178"/>
        <source>Put the phone away</source>
        <translation>收起手机</translation>
    </message>
    <message>
        <location filename="../demo.py" line="179"/>
        <source>Show a check-in code</source>
        <translation>出示签到码</translation>
    </message>
    <message>
        <location filename="../demo.py" line="217"/>
        <source>Phone put away.</source>
        <translation>手机已收起。</translation>
    </message>
    <message>
        <location filename="../demo.py" line="233"/>
        <source>Member %1 · code #%2 (%3)</source>
        <translation>会员 %1 · 第 %2 个码（%3）</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <location filename="../views/pickup.py" line="179"/>
        <source>Pickup order %1</source>
        <translation>自提订单 %1</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="193"/>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="194"/>
        <source>Handed over so far</source>
        <translation>交付记录</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="211"/>
        <source>Handed over now: %1.</source>
        <translation>本次交付：%1。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="215"/>
        <source>Still to hand over: %1.</source>
        <translation>仍待交付：%1。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="219"/>
        <source>To hand over the rest, scan the order&apos;s code again.</source>
        <translation>如需交付其余商品，请再次扫描订单码。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="221"/>
        <source>The order is complete.</source>
        <translation>订单已全部交付。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="222"/>
        <source>Nothing is left to hand over.</source>
        <translation>没有待交付的商品。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="226"/>
        <source>Already handed over in full.</source>
        <translation>已全部交付。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="230"/>
        <source>Last handover %1 at terminal %2 by %3.</source>
        <translation>最后一次交付：%1，终端 %2，经办人 %3。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="235"/>
        <location filename="../views/pickup.py" line="241"/>
        <source>Nothing is left to hand over. Buttons are off.</source>
        <translation>没有待交付的商品，交付按钮已停用。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="238"/>
        <source>Already handed over at another counter, says the loyalty server (order statuses of %1).</source>
        <translation>会员中心显示此订单已在其他柜台交付（订单状态同步于 %1）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/pickup.py" line="243"/>
        <source>Partly handed over: %n item(s) still to hand over.</source>
        <translation>
            <numerusform>已部分交付：还有 %n 件待交付。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/pickup.py" line="245"/>
        <source>Ready for pickup: %n item(s) to hand over.</source>
        <translation>
            <numerusform>待取货：共 %n 件待交付。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="247"/>
        <source>Check the items with the member, then hand over the whole order or the quantities set below.</source>
        <translation>请与会员核对商品，然后交付整单，或按下方设置的数量部分交付。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="257"/>
        <source>Nothing yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="260"/>
        <source>%1 · terminal %2 · %3: %4</source>
        <translation>%1 · 终端 %2 · %3：%4</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/pickup.py" line="269"/>
        <source>… and %n earlier handover(s)</source>
        <translation>
            <numerusform>……此前还有 %n 次交付</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="183"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="170"/>
        <source>Order %1 was already handed over: nothing to hand over.</source>
        <translation>订单 %1 已交付：没有待交付的商品。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="172"/>
        <source>Pickup code accepted: order %1.</source>
        <translation>自提码有效：订单 %1。</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="180"/>
        <source>Member %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="184"/>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="185"/>
        <source>Handed over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="186"/>
        <source>Still to hand over</source>
        <translation>待交付</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="187"/>
        <source>Hand over now</source>
        <translation>本次交付</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="190"/>
        <source>Hand over whole order</source>
        <translation>整单交付</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="191"/>
        <source>Hand over selected</source>
        <translation>交付所选数量</translation>
    </message>
    <message>
        <location filename="../views/pickup.py" line="193"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProvisionController</name>
    <message>
        <location filename="../controllers/provision.py" line="40"/>
        <source>No camera</source>
        <translation>不使用摄像头</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="43"/>
        <source>No serial scanner</source>
        <translation>不使用串口扫码枪</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="94"/>
        <source>Contacting the loyalty server…</source>
        <translation>正在连接会员服务器…</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="106"/>
        <source>Enrolled as terminal %1 of store %2.</source>
        <translation>注册成功：门店 %2 的终端 %1。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="114"/>
        <source>No camera chosen.</source>
        <translation>未选择摄像头。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="116"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="133"/>
        <source>Camera works: %1 frames per second.</source>
        <translation>摄像头正常：每秒 %1 帧。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="138"/>
        <source>The camera opened but sends no picture.</source>
        <translation>摄像头已打开，但没有画面。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="142"/>
        <source>No serial scanner chosen.</source>
        <translation>未选择串口扫码枪。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="145"/>
        <source>Opening the port…</source>
        <translation>正在打开端口…</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="155"/>
        <source>Port open. Scan a code with the scanner now.</source>
        <translation>端口已打开，请用扫码枪扫一个码。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="163"/>
        <source>Scanner works: a code was read.</source>
        <translation>扫码枪正常：已读到一个码。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="181"/>
        <source>Accepted: member %1, tier %2, %3 points.</source>
        <translation>验证通过：会员 %1，等级 %2，%3 积分。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="189"/>
        <source>Read, but refused: %1</source>
        <translation>已读取，但被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="197"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="203"/>
        <source>The loyalty server answered. Events sent: %1. Clock offset: %2 s.</source>
        <translation>会员服务器已响应。已发送记录：%1 条。时钟偏差：%2 秒。</translation>
    </message>
    <message>
        <location filename="../controllers/provision.py" line="230"/>
        <source>Account %1 created. Create another or press Finish.</source>
        <translation>账号 %1 已创建。可继续创建，或点击“完成”。</translation>
    </message>
</context>
<context>
    <name>ProvisionWizard</name>
    <message>
        <location filename="../views/wizard.py" line="228"/>
        <source>The two PINs differ. Type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="252"/>
        <source>No staff account on this terminal yet.</source>
        <translation>本终端还没有员工账户。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="255"/>
        <source>Accounts on this terminal: %1</source>
        <translation>本终端的账户：%1</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="262"/>
        <source>Ask the loyalty office for this store&apos;s enrolment code. Scan it, or type it with the backend address.</source>
        <translation>请向会员中心索取本店的注册码。扫描注册码，或手动输入注册码和服务器地址。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="265"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="266"/>
        <source>Backend address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="268"/>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="269"/>
        <source>Enrol this terminal</source>
        <translation>注册本终端</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="272"/>
        <source>Choose the camera and the serial scanner, then test each. Leave a field empty if the store has none.</source>
        <translation>选择摄像头和串口扫码枪，并逐一测试。门店没有的设备请留空。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="275"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="276"/>
        <source>Test camera</source>
        <translation>测试摄像头</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="277"/>
        <source>Serial scanner port</source>
        <translation>串口扫码枪端口</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="278"/>
        <source>Test scanner</source>
        <translation>测试扫码枪</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="281"/>
        <source>Scan any member code from the loyalty app with each scanner. Nothing is recorded.</source>
        <translation>请用每个扫码设备扫描会员小程序中的任意会员码。测试不会产生任何记录。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="284"/>
        <source>Check that this terminal can reach the loyalty server.</source>
        <translation>检查本终端能否连接会员服务器。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="285"/>
        <source>Test sync</source>
        <translation>测试同步</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="288"/>
        <source>Create the store supervisor&apos;s account (Finish needs one), and a technician account for yourself if you will come back. Supervisors add the other staff later.</source>
        <translation>请创建门店主管账户（必须有主管才能完成），如您以后还会来维护，也为自己创建一个技术员账户。其他员工由主管稍后添加。</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="295"/>
        <source>PIN (6 to 12 digits)</source>
        <translation>密码（6 到 12 位数字）</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="296"/>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="293"/>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="294"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="297"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="300"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="301"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="303"/>
        <source>Create account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="304"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="311"/>
        <source>Set up: enrol the terminal</source>
        <translation>设置：注册终端</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="312"/>
        <source>Set up: camera and scanner</source>
        <translation>设置：摄像头和扫码枪</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="313"/>
        <source>Set up: test scan</source>
        <translation>设置：测试扫码</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="314"/>
        <source>Set up: test sync</source>
        <translation>设置：测试同步</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="315"/>
        <source>Set up: first supervisor</source>
        <translation>设置：首个主管账号</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="319"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="322"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../views/wizard.py" line="322"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>RefundScreen</name>
    <message>
        <location filename="../views/refund.py" line="102"/>
        <source>Refund or reverse an operation</source>
        <translation>退款或撤销操作</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="105"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="106"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="107"/>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="108"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="109"/>
        <source>Purchase</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="110"/>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="113"/>
        <source>Other day</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="114"/>
        <source>operation ID from the receipt</source>
        <translation>小票上的操作编号</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="115"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="116"/>
        <source>all of it</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="119"/>
        <source>Leave the amount empty to refund the whole purchase. A redemption is always reversed whole.</source>
        <translation>金额留空即退还整笔消费。兑换只能整笔撤销。</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="123"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="124"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="125"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="133"/>
        <source>Operations of %1</source>
        <translation>%1 的操作</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="196"/>
        <source>Nothing is left to refund.</source>
        <translation>已无可退金额。</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="198"/>
        <source>Operation %1 of another day.</source>
        <translation>其他日期的操作 %1。</translation>
    </message>
    <message>
        <location filename="../views/refund.py" line="202"/>
        <source>Pick an operation on the left.</source>
        <translation>请在左侧选择一笔操作。</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <location filename="../views/report.py" line="96"/>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="97"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="98"/>
        <source>Net points</source>
        <translation>净积分</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="99"/>
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="100"/>
        <source>Rejected by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="101"/>
        <source>Per operation</source>
        <translation>按操作</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="102"/>
        <source>Per staff member</source>
        <translation>按员工</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="104"/>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="104"/>
        <location filename="../views/report.py" line="107"/>
        <source>Count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="104"/>
        <location filename="../views/report.py" line="107"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="104"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="107"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="109"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="124"/>
        <source>%1 in %2 operation(s)</source>
        <translation>%1（共 %2 笔操作）</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="130"/>
        <source>%1 of this day, %2 in all</source>
        <translation>当天 %1 笔，共 %2 笔</translation>
    </message>
    <message>
        <location filename="../views/report.py" line="136"/>
        <source>%1 of this day, %2 unresolved</source>
        <translation>当天 %1 笔，未处理 %2 笔</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="62"/>
        <source>Redeem a reward</source>
        <translation>兑换礼品</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="63"/>
        <source>Choose the reward (points needed)</source>
        <translation>选择礼品（所需积分）</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="64"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <location filename="../views/scan.py" line="69"/>
        <source>Scan the member&apos;s code</source>
        <translation>请扫描会员码</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="72"/>
        <source>Hold the phone under the camera, or use the hand scanner. Any screen accepts a scan.</source>
        <translation>请将手机对准摄像头，或使用手持扫码枪。任何界面都可以直接扫码。</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="75"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="76"/>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="77"/>
        <source>USB keyboard scanner</source>
        <translation>USB 键盘扫码枪</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="78"/>
        <source>Or paste or type a code:</source>
        <translation>或粘贴、输入会员码：</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="80"/>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../views/scan.py" line="82"/>
        <source>No camera picture</source>
        <translation>无摄像头画面</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../controllers/shell.py" line="276"/>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="284"/>
        <source>Code accepted: member %1.</source>
        <translation>会员码有效：会员 %1。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="317"/>
        <source>Points available now: %1.</source>
        <translation>当前可用积分：%1。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="372"/>
        <source>The end-of-day report is for a supervisor or a technician.</source>
        <translation>日结报表仅限主管或技术人员查看。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="401"/>
        <source>Account %1 added.</source>
        <translation>已添加账户 %1。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="402"/>
        <source>New PIN set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="403"/>
        <source>Your PIN was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="404"/>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>账户 %1 已停用，无法再登录。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="405"/>
        <source>Account %1 enabled again.</source>
        <translation>账户 %1 已重新启用。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="471"/>
        <source>Sync done: %1 sent, %2 accepted, %3 rejected, %4 still waiting.</source>
        <translation>同步完成：发送 %1 条，接受 %2 条，拒绝 %3 条，仍有 %4 条待发送。</translation>
    </message>
    <message>
        <location filename="../controllers/shell.py" line="496"/>
        <source>Sync failed; events stay queued. %1</source>
        <translation>同步失败，记录仍在队列中。%1</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <location filename="../views/signin.py" line="59"/>
        <source>Staff sign-in</source>
        <translation>员工登录</translation>
    </message>
    <message>
        <location filename="../views/signin.py" line="60"/>
        <source>Scan your staff card, or enter your staff ID and PIN.</source>
        <translation>请扫描员工码，或输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../views/signin.py" line="61"/>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../views/signin.py" line="62"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../views/signin.py" line="63"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SourceState</name>
    <message>
        <location filename="../views/widgets.py" line="96"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="97"/>
        <source>starting…</source>
        <translation>启动中…</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="98"/>
        <source>disconnected, retrying</source>
        <translation>已断开，正在重试</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="99"/>
        <source>not working</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="100"/>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="101"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="102"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../views/widgets.py" line="103"/>
        <source>listening</source>
        <translation>等待扫码</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../views/staff.py" line="131"/>
        <source>Staff accounts</source>
        <translation>员工账户</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="133"/>
        <location filename="../views/staff.py" line="135"/>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="133"/>
        <location filename="../views/staff.py" line="136"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="133"/>
        <location filename="../views/staff.py" line="137"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="133"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="138"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="139"/>
        <source>6 to 12 digits</source>
        <translation>6 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="142"/>
        <source>To add, fill in the ID, name, role and PIN. To reset a PIN or disable, pick an account in the list.</source>
        <translation>添加账户：填写工号、姓名、角色和密码。重设密码或停用：先在列表中选择账户。</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="151"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="201"/>
        <source>Reset PIN</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="152"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="165"/>
        <source>active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="165"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="201"/>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="204"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="206"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../views/sync.py" line="83"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="84"/>
        <source>Loyalty server</source>
        <translation>会员服务器</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="85"/>
        <location filename="../views/sync.py" line="90"/>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="86"/>
        <source>Rejected by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="87"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="88"/>
        <source>Terminal clock</source>
        <translation>终端时钟</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="89"/>
        <source>Rejected events (reconciliation)</source>
        <translation>被拒绝的记录（待核对）</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="92"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="92"/>
        <location filename="../views/sync.py" line="95"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="92"/>
        <location filename="../views/sync.py" line="95"/>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="92"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="95"/>
        <source>Event</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="95"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="97"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="98"/>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="107"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="107"/>
        <source>Retry sync now</source>
        <translation>立即重新同步</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="117"/>
        <source>not tried yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="120"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="120"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="129"/>
        <source>not checked yet</source>
        <translation>尚未校对</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="132"/>
        <source>off by %1 s: check the time settings</source>
        <translation>偏差 %1 秒：请检查时间设置</translation>
    </message>
    <message>
        <location filename="../views/sync.py" line="139"/>
        <source>correct (%1 s)</source>
        <translation>正常（%1 秒）</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../views/technician.py" line="53"/>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="54"/>
        <source>QR decoders</source>
        <translation>二维码解码器</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="55"/>
        <source>Decode time per frame (median)</source>
        <translation>每帧解码时间（中位数）</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="56"/>
        <source>Camera frame rate</source>
        <translation>摄像头帧率</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="57"/>
        <source>Frames captured / decoded / skipped</source>
        <translation>采集 / 解码 / 跳过的帧数</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="58"/>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="59"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="60"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="61"/>
        <source>Scanner log</source>
        <translation>扫码日志</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="62"/>
        <source>Run the setup wizard again</source>
        <translation>重新运行设置向导</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="63"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../views/technician.py" line="72"/>
        <source>no camera running</source>
        <translation>摄像头未运行</translation>
    </message>
</context>
<context>
    <name>TierCard</name>
    <message>
        <location filename="../views/member.py" line="101"/>
        <source>Member %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="103"/>
        <source>Points available</source>
        <translation>可用积分</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="106"/>
        <source>Card balance %1 as of %2</source>
        <translation>会员卡余额 %1（截至 %2）</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="112"/>
        <source>Privileges: %1</source>
        <translation>会员权益：%1</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="123"/>
        <source>Spend %1 more to reach %2</source>
        <translation>再消费 %1 即可升级为%2</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="131"/>
        <source>Next tier: %1, from %2 spent in a year</source>
        <translation>下一等级：%1（年消费满 %2）</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="137"/>
        <source>Top tier reached</source>
        <translation>已是最高等级</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="140"/>
        <source>%1 operation(s) waiting to sync (%2 points)</source>
        <translation>%1 笔操作待同步（%2 积分）</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="147"/>
        <source>Nothing waiting to sync</source>
        <translation>没有待同步的操作</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="163"/>
        <source>Pickup order %1</source>
        <translation>自提订单 %1</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <location filename="../texts.py" line="103"/>
        <source>points award</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>redemption</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../texts.py" line="105"/>
        <source>pickup</source>
        <translation>自提</translation>
    </message>
    <message>
        <location filename="../texts.py" line="106"/>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../texts.py" line="107"/>
        <source>check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../texts.py" line="108"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../texts.py" line="109"/>
        <source>reversed redemption</source>
        <translation>撤销兑换</translation>
    </message>
</context>
<context>
    <name>privileges</name>
    <message>
        <location filename="../views/member.py" line="27"/>
        <source>member prices</source>
        <translation>会员价</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="28"/>
        <source>birthday gift</source>
        <translation>生日礼</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="29"/>
        <source>free delivery</source>
        <translation>免费配送</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="30"/>
        <source>priority pickup</source>
        <translation>优先自提</translation>
    </message>
</context>
<context>
    <name>reason_codes</name>
    <message>
        <location filename="../reason_texts.py" line="50"/>
        <source>below_min_spend</source>
        <translation>消费金额未达到积分起点。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="51"/>
        <source>already_awarded</source>
        <translation>这个码已经发放过积分。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="52"/>
        <source>bad_order</source>
        <translation>无法读取该订单的商品，请联系客服热线。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="53"/>
        <source>already_handed_over</source>
        <translation>该订单已全部交付。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="54"/>
        <source>unknown_item</source>
        <translation>该商品不在此订单中。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="55"/>
        <source>too_many</source>
        <translation>交付数量超过剩余数量。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="56"/>
        <source>bad_amount</source>
        <translation>请输入大于零、最多两位小数的金额。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="57"/>
        <source>unknown_reward</source>
        <translation>礼品不在目录中，请同步后重试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="58"/>
        <source>wrong_cash</source>
        <translation>现金金额与该礼品不符。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="59"/>
        <source>already_redeemed</source>
        <translation>这个码已经兑换过礼品。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="60"/>
        <source>insufficient_points</source>
        <translation>会员积分不足，无法兑换该礼品。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="61"/>
        <source>offline_cap</source>
        <translation>离线状态下已超过每日兑换上限，需要主管授权。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="62"/>
        <source>unknown_event</source>
        <translation>本终端没有这笔操作。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="63"/>
        <source>not_refundable</source>
        <translation>这类操作不能退款。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="64"/>
        <source>already_refunded</source>
        <translation>这笔操作已经退过款。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="65"/>
        <source>refund_too_large</source>
        <translation>退款金额超过可退金额。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="68"/>
        <source>bad_staff_code</source>
        <translation>员工码中的角色无法识别。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="69"/>
        <source>not_allowed</source>
        <translation>您的角色不能进行此操作，请找主管。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="70"/>
        <source>bad_pin</source>
        <translation>密码须为 6 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="71"/>
        <source>bad_staff_id</source>
        <translation>工号长度须为 1 到 64 个字符。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="72"/>
        <source>bad_sign_in</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="73"/>
        <source>account_disabled</source>
        <translation>此员工账户已停用，请找主管。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="74"/>
        <source>above_own_rights</source>
        <translation>任何人都不能创建权限高于自己的账户，请找主管。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="75"/>
        <source>staff_exists</source>
        <translation>此工号已被使用，请换一个工号；现有账户不会被覆盖。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="76"/>
        <source>own_account</source>
        <translation>不能在此停用自己的账户或重设自己的密码；请用当前密码修改密码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="77"/>
        <source>unknown_staff</source>
        <translation>没有此工号的员工账户。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="78"/>
        <source>sign_in_required</source>
        <translation>请以主管身份登录后再添加员工账户。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="79"/>
        <source>bad_coupon</source>
        <translation>本店不支持这种优惠券。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="80"/>
        <source>coupon_used</source>
        <translation>这张优惠券已经使用过。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="81"/>
        <source>already_checked_in</source>
        <translation>该会员今天已在本店签到。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="82"/>
        <source>code_used</source>
        <translation>这个码已在其他收银台或其他结账中使用过，请会员出示新的码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="83"/>
        <source>order_handed_over</source>
        <translation>这个订单已经取走。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="84"/>
        <source>items_exceed_remaining</source>
        <translation>超出了订单剩余的数量。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="85"/>
        <source>order_elsewhere</source>
        <translation>这个订单正在其他收银台取货，请在那里完成。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="86"/>
        <source>catalog_outdated</source>
        <translation>兑换目录已更新，请同步后再试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="87"/>
        <source>policy_outdated</source>
        <translation>签到积分已更改，请同步后再试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="88"/>
        <source>unknown_member</source>
        <translation>后台没有这个会员的记录。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="89"/>
        <source>unknown_order</source>
        <translation>后台没有这个订单，请联系客服热线。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="90"/>
        <source>wrong_purpose</source>
        <translation>这个码不能用于此操作，请会员选择正确的码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="91"/>
        <source>not_provisioned</source>
        <translation>本终端尚未设置，请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="92"/>
        <source>config</source>
        <translation>终端设置有误，请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="93"/>
        <source>storage</source>
        <translation>终端无法保存数据，请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="94"/>
        <source>storage_full</source>
        <translation>终端磁盘已满，未保存任何内容。请联系技术员清理空间。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="95"/>
        <source>storage_read_only</source>
        <translation>终端无法写入数据（只读），未保存任何内容。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="96"/>
        <source>storage_io</source>
        <translation>终端磁盘报告读写错误，未保存任何内容。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="97"/>
        <source>storage_corrupt</source>
        <translation>终端的数据文件已损坏，未保存任何内容。请联系技术员，不要删除任何文件。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="98"/>
        <source>storage_busy</source>
        <translation>终端数据正忙，未保存任何内容。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="99"/>
        <source>internal</source>
        <translation>出现错误，未保存任何内容，请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="66"/>
        <source>original_rejected</source>
        <translation>后台已拒绝这笔操作，不能退款或撤销。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="67"/>
        <source>over_max_purchase</source>
        <translation>消费金额超过单笔可积分的上限。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="100"/>
        <source>sync_error</source>
        <translation>无法连接会员服务器，记录仍保存在本终端，稍后会自动重试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="101"/>
        <source>no_backend</source>
        <translation>本终端未连接会员服务器，记录保存在本机。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="102"/>
        <source>busy</source>
        <translation>另一个程序正在发送本终端的记录，本轮稍后再试。</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <location filename="../reason_texts.py" line="129"/>
        <source>The server computed other points for this record; it was not applied.</source>
        <translation>后台核算的积分与这条记录不符，记录未生效。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="132"/>
        <source>This record carries no member code; it was not applied.</source>
        <translation>这条记录没有会员码，记录未生效。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="135"/>
        <source>The server does not know this member; the record was not applied.</source>
        <translation>后台没有这位会员，记录未生效。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="138"/>
        <source>The server did not accept the original operation, so it cannot be reversed.</source>
        <translation>后台未接受原操作，因此不能撤销。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="141"/>
        <source>The member already checked in at this store today at another terminal.</source>
        <translation>该会员今天已在本店的其他终端签到。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="144"/>
        <source>This record is dated after the server&apos;s clock. Check the terminal&apos;s clock.</source>
        <translation>这条记录的时间晚于服务器时间。请检查终端时钟。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="147"/>
        <source>The server does not know the policy or catalog used. Call a technician.</source>
        <translation>后台不认识所用的积分规则或目录版本。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="150"/>
        <source>The member&apos;s balance would leave the allowed range; not applied.</source>
        <translation>会员积分将超出允许范围，记录未生效。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="13"/>
        <source>This is not a member code (too long). Ask the member to show the code again.</source>
        <translation>这不是会员码（内容过长）。请会员重新出示会员码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="16"/>
        <source>This is not a valid member code. Ask the member to open the code in the app.</source>
        <translation>这不是有效的会员码。请会员在小程序中打开会员码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="19"/>
        <source>This code comes from a newer app version. Ask the member to update the app.</source>
        <translation>此会员码来自更新版本的小程序。请会员更新小程序。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="22"/>
        <source>This code is signed by an unknown issuer key. Sync the terminal and try again.</source>
        <translation>此会员码的签发密钥未知。请同步终端后重试。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="25"/>
        <source>This code is forged or damaged. Do not accept it.</source>
        <translation>此会员码是伪造的或已损坏。请勿接受。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="26"/>
        <source>The member&apos;s card has expired. Ask the member to open the app online to renew it.</source>
        <translation>会员卡已过期。请会员在联网状态下打开小程序续期。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="30"/>
        <source>This code is not valid yet. Check the terminal&apos;s clock.</source>
        <translation>此会员码尚未生效。请检查终端时钟。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="31"/>
        <source>This membership card has been blocked. Do not accept it.</source>
        <translation>此会员卡已被冻结。请勿接受。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="32"/>
        <source>This code is out of date. Ask the member to show the current code.</source>
        <translation>此会员码已过时。请会员出示最新的会员码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="35"/>
        <source>This code is from the future. Check the clocks of the phone and the terminal.</source>
        <translation>此会员码的时间超前。请检查手机和终端的时钟。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="38"/>
        <source>This code has already been used. Ask the member for a new code.</source>
        <translation>此会员码已被使用。请会员刷新后出示新码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="39"/>
        <source>This code is for something else. Ask the member to choose the right code.</source>
        <translation>此会员码用于其他用途。请会员选择正确的码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="42"/>
        <source>The order or coupon belongs to a different member.</source>
        <translation>该订单或优惠券属于其他会员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="43"/>
        <source>This order or coupon is for a different store.</source>
        <translation>该订单或优惠券不属于本店。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="44"/>
        <source>This update is not from our loyalty program. Call a technician.</source>
        <translation>此更新并非来自本会员计划。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="45"/>
        <source>This update is older than the one the terminal has.</source>
        <translation>此更新比终端现有版本更旧。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="46"/>
        <source>The code was refused. Ask the member for a new code.</source>
        <translation>会员码被拒绝。请会员出示新码。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="108"/>
        <source>This code was already used at another terminal; the operation was not applied.</source>
        <translation>此会员码已在其他终端使用过，本次操作未生效。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="111"/>
        <source>This order was already handed over at another terminal.</source>
        <translation>该订单已在其他终端交付。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="114"/>
        <source>This coupon was already used at another terminal.</source>
        <translation>该优惠券已在其他终端使用。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="117"/>
        <source>The server saw this record number twice. Call a technician.</source>
        <translation>服务器收到了重复的记录序号。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="120"/>
        <source>The server says this record is not from this terminal. Call a technician.</source>
        <translation>服务器认为该记录不属于本终端。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="123"/>
        <source>Two different records carry the same id. Call a technician.</source>
        <translation>两条不同的记录使用了相同的编号。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="126"/>
        <source>The server could not read this record. Call a technician.</source>
        <translation>服务器无法读取该记录。请联系技术员。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="153"/>
        <source>Only a supervisor can approve this.</source>
        <translation>只有主管可以授权此操作。</translation>
    </message>
    <message>
        <location filename="../reason_texts.py" line="154"/>
        <source>Only a technician can open diagnostics.</source>
        <translation>只有技术员可以打开诊断页面。</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../views/staff.py" line="30"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="31"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../views/staff.py" line="32"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../texts.py" line="41"/>
        <source>The operation was refused.</source>
        <translation>操作被拒绝。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="49"/>
        <source>Awarded %n point(s).</source>
        <translation>已发放 %n 积分。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="53"/>
        <source>Reward redeemed: %n point(s) deducted.</source>
        <translation>礼品已兑换：扣除 %n 积分。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57"/>
        <source>Order handed over.</source>
        <translation>订单已交付。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="69"/>
        <source>Coupon used: %1. Apply it at the till.</source>
        <translation>优惠券已使用：%1。请在收银机上应用。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="73"/>
        <source>Checked in: %n point(s) added.</source>
        <translation>签到成功：增加 %n 积分。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>Refund recorded: %n point(s) taken back.</source>
        <translation>退款已记录：扣回 %n 积分。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="81"/>
        <source>Redemption reversed: %n point(s) given back.</source>
        <translation>兑换已撤销：退回 %n 积分。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="85"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="87"/>
        <source>Sent to the loyalty server.</source>
        <translation>已发送到会员服务器。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="89"/>
        <source>Saved on this terminal; it will sync automatically.</source>
        <translation>已保存在本终端，将自动同步。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="137"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../texts.py" line="139"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../texts.py" line="149"/>
        <source>Too many wrong PINs for this staff ID. Try again in %1.</source>
        <translation>该工号密码错误次数过多，请 %1后再试。</translation>
    </message>
</context>
<context>
    <name>tiers</name>
    <message>
        <location filename="../views/member.py" line="37"/>
        <source>Green</source>
        <translation>绿卡</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="38"/>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="39"/>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <location filename="../views/member.py" line="40"/>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
</context>
</TS>
