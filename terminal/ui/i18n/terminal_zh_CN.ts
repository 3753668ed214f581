<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Approvals</name>
    <message>
        <source>No rewards are available yet. Sync the terminal.</source>
        <translation>暂无可兑换的礼品，请先同步终端。</translation>
    </message>
    <message>
        <source>Type the purchase amount first: points as cash pay part of it.</source>
        <translation>请先输入消费金额：积分抵现用于支付其中一部分。</translation>
    </message>
    <message>
        <source>Not approved: nothing was redeemed.</source>
        <translation>未获授权：未兑换任何礼品。</translation>
    </message>
    <message>
        <source>A refund needs a supervisor&apos;s approval.</source>
        <translation>退款需要主管批准。</translation>
    </message>
    <message>
        <source>Not approved: nothing was refunded.</source>
        <translation>未获批准：没有退款。</translation>
    </message>
    <message>
        <source>A new PIN needs your current one.</source>
        <translation>设置新密码需要输入当前密码。</translation>
    </message>
    <message>
        <source>Diagnostics and set-up need a technician sign-in.</source>
        <translation>诊断和设置需要技术员登录。</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Spend points as cash?</source>
        <translation>使用积分抵现？</translation>
    </message>
    <message>
        <source>Sale: %1</source>
        <translation>消费金额：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) pay %1</source>
        <translation>
            <numerusform>%n 积分抵 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Still to pay: %1</source>
        <translation>还需支付：%1</translation>
    </message>
    <message>
        <source>Take %1 off the sale on the POS after confirming.</source>
        <translation>确认后，请在收银机上减去 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Spend %n point(s)</source>
        <translation>
            <numerusform>使用 %n 积分</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Points can pay at most %1 of a sale.</source>
        <translation>积分最多可支付消费金额的 %1。</translation>
    </message>
    <message>
        <source>At most %1 points can pay for one sale.</source>
        <translation>每笔消费最多可用 %1 积分抵现。</translation>
    </message>
    <message>
        <source>All the points the member has available.</source>
        <translation>会员的全部可用积分。</translation>
    </message>
    <message>
        <source>Offline: all the member can spend here.</source>
        <translation>离线：会员在此可使用的全部积分。</translation>
    </message>
    <message>
        <source>Offline: at most %1 points per member per day.</source>
        <translation>离线：每位会员每天最多 %1 积分。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loyalty counter</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Nobody signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 to send</source>
        <translation>待发送 %1 条</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>同步于 %1</translation>
    </message>
</context>
<context>
    <name>MemberScreen</name>
    <message>
        <source>Purchase amount (¥)</source>
        <translation>消费金额（¥）</translation>
    </message>
    <message>
        <source>Award points</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Use coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
</context>
<context>
    <name>OperationTexts</name>
    <message>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <source>%1% off</source>
        <translation>优惠 %1%</translation>
    </message>
    <message>
        <source>free gift: %1</source>
        <translation>赠品：%1</translation>
    </message>
    <message>
        <source>free gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>unknown benefit: ask the hotline</source>
        <translation>未知优惠：请致电客服热线</translation>
    </message>
    <message>
        <source>Coupon %1: %2</source>
        <translation>优惠券 %1：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>This is a coupon code: only the coupon can be used. Points, rewards and check-in need the member&apos;s checkout code.</source>
        <translation>这是优惠券码：只能使用优惠券。积分、兑换和签到需要会员的结账码。</translation>
    </message>
    <message>
        <source>This is a check-in code: points, rewards and points as cash need the member&apos;s checkout code.</source>
        <translation>这是签到码：积分、兑换和积分抵现需要会员的结账码。</translation>
    </message>
    <message>
        <source>No coupon in this code: ask the member to open the coupon&apos;s code.</source>
        <translation>此码不含优惠券：请会员打开优惠券的码。</translation>
    </message>
    <message>
        <source>This code cannot be used for: %1.</source>
        <translation>此码不能用于：%1。</translation>
    </message>
    <message>
        <source>This coupon was already used at another counter (the last sync says so).</source>
        <translation>此优惠券已在其他柜台使用（据最近一次同步）。</translation>
    </message>
    <message>
        <source>This coupon has already been used at this terminal.</source>
        <translation>此优惠券已在本终端使用。</translation>
    </message>
    <message>
        <source>award points</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>use coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <source>check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>自提</translation>
    </message>
    <message numerus="yes">
        <source>Redeem “%1” for member %2: %n point(s).</source>
        <translation>
            <numerusform>为会员 %2 兑换“%1”：%n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>The member also pays %1.</source>
        <translation>会员另付 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Offline, a cashier may redeem up to %n point(s) per member a day; %1 already used today.</source>
        <translation>
            <numerusform>离线时，收银员每天为每位会员最多可兑换 %n 积分；今天已用 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reverse the redemption of “%1” for member %2 (%3): %n point(s) given back.</source>
        <translation>
            <numerusform>撤销会员 %2 的兑换“%1”（%3）：退还 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refund %1 of the %2 purchase of member %3 (%4): %n point(s) taken back.</source>
        <translation>
            <numerusform>退款 %1（会员 %3 的 %2 消费，%4）：扣回 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of it was refunded before.</source>
        <translation>此前已退 %1。</translation>
    </message>
    <message>
        <source>%1 for member %2 at %3.</source>
        <translation>%3 会员 %2 的%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) redeemed for “%1”.</source>
        <translation>
            <numerusform>兑换“%1”用了 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reversed: %n point(s) given back.</source>
        <translation>
            <numerusform>已撤销：退还 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not reversed.</source>
        <translation>未撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Purchase %1: %n point(s) awarded.</source>
        <translation>
            <numerusform>消费 %1：发放 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing refunded yet.</source>
        <translation>尚未退款。</translation>
    </message>
    <message numerus="yes">
        <source>Refunded %1: %n point(s) taken back.</source>
        <translation>
            <numerusform>已退 %1：扣回 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remaining %1 and %n point(s).</source>
        <translation>
            <numerusform>剩余 %1 和 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Confirm with your current PIN</source>
        <translation>请输入当前密码确认</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Technician sign-in</source>
        <translation>技术员登录</translation>
    </message>
    <message>
        <source>Technician ID</source>
        <translation>技术员工号</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Supervisor approval needed</source>
        <translation>需要主管授权</translation>
    </message>
    <message>
        <source>Supervisor ID</source>
        <translation>主管工号</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PhoneWindow</name>
    <message>
        <source>Member&apos;s phone (wallet)</source>
        <translation>会员手机（钱包）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Show a new code to the camera</source>
        <translation>向摄像头出示新码</translation>
    </message>
    <message>
        <source>Put the phone away</source>
        <translation>收起手机</translation>
    </message>
    <message>
        <source>Show a check-in code</source>
        <translation>出示签到码</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>%1: ID %2, PIN %3</source>
        <translation>%1：工号 %2，密码 %3</translation>
    </message>
    <message>
        <source>Demo sign-ins (demo data only):</source>
        <translation>演示账号（仅限演示数据）：</translation>
    </message>
    <message>
        <source>checkout</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>自提</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>staff sign-in</source>
        <translation>店员登录</translation>
    </message>
    <message>
        <source>Phone put away.</source>
        <translation>手机已收起。</translation>
    </message>
    <message>
        <source>Member %1 · code #%2 (%3)</source>
        <translation>会员 %1 · 第 %2 个码（%3）</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Pickup order %1</source>
        <translation>自提订单 %1</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <source>Handed over so far</source>
        <translation>交付记录</translation>
    </message>
    <message>
        <source>Handed over now: %1.</source>
        <translation>本次交付：%1。</translation>
    </message>
    <message>
        <source>Still to hand over: %1.</source>
        <translation>仍待交付：%1。</translation>
    </message>
    <message>
        <source>To hand over the rest, scan the order&apos;s code again.</source>
        <translation>如需交付其余商品，请再次扫描订单码。</translation>
    </message>
    <message>
        <source>The order is complete.</source>
        <translation>订单已全部交付。</translation>
    </message>
    <message>
        <source>Nothing is left to hand over.</source>
        <translation>没有待交付的商品。</translation>
    </message>
    <message>
        <source>Already handed over in full.</source>
        <translation>已全部交付。</translation>
    </message>
    <message>
        <source>Last handover %1 at terminal %2 by %3.</source>
        <translation>最后一次交付：%1，终端 %2，经办人 %3。</translation>
    </message>
    <message>
        <source>Nothing is left to hand over. Buttons are off.</source>
        <translation>没有待交付的商品，交付按钮已停用。</translation>
    </message>
    <message>
        <source>Already handed over at another counter, says the loyalty server (order statuses of %1).</source>
        <translation>会员中心显示此订单已在其他柜台交付（订单状态同步于 %1）。</translation>
    </message>
    <message numerus="yes">
        <source>Partly handed over: %n item(s) still to hand over.</source>
        <translation>
            <numerusform>已部分交付：还有 %n 件待交付。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready for pickup: %n item(s) to hand over.</source>
        <translation>
            <numerusform>待取货：共 %n 件待交付。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the items with the member, then hand over the whole order or the quantities set below.</source>
        <translation>请与会员核对商品，然后交付整单，或按下方设置的数量部分交付。</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>%1 · terminal %2 · %3: %4</source>
        <translation>%1 · 终端 %2 · %3：%4</translation>
    </message>
    <message numerus="yes">
        <source>… and %n earlier handover(s)</source>
        <translation>
            <numerusform>……此前还有 %n 次交付</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Order %1 was already handed over: nothing to hand over.</source>
        <translation>订单 %1 已交付：没有待交付的商品。</translation>
    </message>
    <message>
        <source>Pickup code accepted: order %1.</source>
        <translation>自提码有效：订单 %1。</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Still to hand over</source>
        <translation>待交付</translation>
    </message>
    <message>
        <source>Hand over now</source>
        <translation>本次交付</translation>
    </message>
    <message>
        <source>Hand over whole order</source>
        <translation>整单交付</translation>
    </message>
    <message>
        <source>Hand over selected</source>
        <translation>交付所选数量</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProvisionController</name>
    <message>
        <source>No camera</source>
        <translation>不使用摄像头</translation>
    </message>
    <message>
        <source>No serial scanner</source>
        <translation>不使用串口扫码枪</translation>
    </message>
    <message>
        <source>Contacting the loyalty server…</source>
        <translation>正在连接会员服务器…</translation>
    </message>
    <message>
        <source>Enrolled as terminal %1 of store %2.</source>
        <translation>注册成功：门店 %2 的终端 %1。</translation>
    </message>
    <message>
        <source>No camera chosen.</source>
        <translation>未选择摄像头。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Camera open: measuring its frame rate…</source>
        <translation>摄像头已打开：正在测量帧率…</translation>
    </message>
    <message>
        <source>A loyalty code: checking it…</source>
        <translation>这是会员系统的码：正在校验…</translation>
    </message>
    <message>
        <source>This is a product barcode (EAN-13 %1), not a member code.</source>
        <translation>这是商品条码（EAN-13 %1），不是会员码。</translation>
    </message>
    <message>
        <source>This is a product barcode (EAN-8 %1), not a member code.</source>
        <translation>这是商品条码（EAN-8 %1），不是会员码。</translation>
    </message>
    <message>
        <source>This is a product barcode (UPC-A %1), not a member code.</source>
        <translation>这是商品条码（UPC-A %1），不是会员码。</translation>
    </message>
    <message>
        <source>This is a book&apos;s barcode (ISBN %1), not a member code.</source>
        <translation>这是图书条码（ISBN %1），不是会员码。</translation>
    </message>
    <message>
        <source>This is a web address (%1), not a member code.</source>
        <translation>这是网址（%1），不是会员码。</translation>
    </message>
    <message>
        <source>This is not a member code; it reads “%1”.</source>
        <translation>这不是会员码，内容为“%1”。</translation>
    </message>
    <message>
        <source>The scanner sent an empty code. Scan again.</source>
        <translation>扫码设备发送了空码，请重新扫描。</translation>
    </message>
    <message>
        <source>Staff code verified: staff %1.</source>
        <translation>员工码验证通过：员工 %1。</translation>
    </message>
    <message>
        <source>Member code verified: member %1, tier %2, points balance %3.</source>
        <translation>会员码验证通过：会员 %1，等级 %2，积分余额 %3。</translation>
    </message>
    <message>
        <source>A loyalty code, but refused: %1</source>
        <translation>是会员系统的码，但被拒绝：%1</translation>
    </message>
    <message>
        <source>The camera opened but sends no picture.</source>
        <translation>摄像头已打开，但没有画面。</translation>
    </message>
    <message>
        <source>The camera sent a picture, then stopped sending.</source>
        <translation>摄像头发送了一帧画面后就停止了。</translation>
    </message>
    <message>
        <source>Camera OK: %1 frames per second, %2×%3.</source>
        <translation>摄像头正常：每秒 %1 帧，%2×%3。</translation>
    </message>
    <message>
        <source>No serial scanner chosen.</source>
        <translation>未选择串口扫码枪。</translation>
    </message>
    <message>
        <source>Opening the port…</source>
        <translation>正在打开端口…</translation>
    </message>
    <message>
        <source>Port open. Scan a code with the scanner now.</source>
        <translation>端口已打开，请用扫码枪扫一个码。</translation>
    </message>
    <message>
        <source>Scanner works: a code was read.</source>
        <translation>扫码枪正常：已读到一个码。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>The loyalty server answered. Events sent: %1. Clock offset: %2 s.</source>
        <translation>会员服务器已响应。已发送记录：%1 条。时钟偏差：%2 秒。</translation>
    </message>
    <message>
        <source>Account %1 created. Create another or press Finish.</source>
        <translation>账号 %1 已创建。可继续创建，或点击“完成”。</translation>
    </message>
</context>
<context>
    <name>ProvisionWizard</name>
    <message>
        <source>Received from the USB keyboard scanner.</source>
        <translation>收到来自 USB 键盘扫码枪的扫码。</translation>
    </message>
    <message>
        <source>The two PINs differ. Type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>No staff account on this terminal yet.</source>
        <translation>本终端还没有员工账户。</translation>
    </message>
    <message>
        <source>Accounts on this terminal: %1</source>
        <translation>本终端的账户：%1</translation>
    </message>
    <message>
        <source>Ask the loyalty office for this store&apos;s enrolment code. Scan it, or type it with the backend address.</source>
        <translation>请向会员中心索取本店的注册码。扫描注册码，或手动输入注册码和服务器地址。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Backend address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Enrol this terminal</source>
        <translation>注册本终端</translation>
    </message>
    <message>
        <source>Choose the camera and the serial scanner, then test each. Leave a field empty if the store has none.</source>
        <translation>选择摄像头和串口扫码枪，并逐一测试。门店没有的设备请留空。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Test camera</source>
        <translation>测试摄像头</translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation>串口扫码枪端口</translation>
    </message>
    <message>
        <source>Test scanner</source>
        <translation>测试扫码枪</translation>
    </message>
    <message>
        <source>Open a member code in the loyalty app and hold it under the camera, then scan it with the serial or USB keyboard scanner. Each scan is only checked, nothing is recorded.</source>
        <translation>在会员小程序中打开会员码，先对准摄像头，再用串口扫码枪或 USB 键盘扫码枪扫描。每次扫码只做校验，不产生任何记录。</translation>
    </message>
    <message>
        <source>USB keyboard scanner</source>
        <translation>USB 键盘扫码枪</translation>
    </message>
    <message>
        <source>Check that this terminal can reach the loyalty server.</source>
        <translation>检查本终端能否连接会员服务器。</translation>
    </message>
    <message>
        <source>Test sync</source>
        <translation>测试同步</translation>
    </message>
    <message>
        <source>Create the store supervisor&apos;s account (Finish needs one), and a technician account for yourself if you will come back. Supervisors add the other staff later.</source>
        <translation>请创建门店主管账户（必须有主管才能完成），如您以后还会来维护，也为自己创建一个技术员账户。其他员工由主管稍后添加。</translation>
    </message>
    <message>
        <source>PIN (6 to 12 digits)</source>
        <translation>密码（6 到 12 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Received from the camera.</source>
        <translation>收到来自摄像头的扫码。</translation>
    </message>
    <message>
        <source>Received from the serial scanner.</source>
        <translation>收到来自串口扫码枪的扫码。</translation>
    </message>
    <message>
        <source>Received as typed text.</source>
        <translation>收到手动输入的文字。</translation>
    </message>
    <message>
        <source>Waiting for a test scan…</source>
        <translation>正在等待测试扫码…</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Set up: enrol the terminal</source>
        <translation>设置：注册终端</translation>
    </message>
    <message>
        <source>Set up: camera and scanner</source>
        <translation>设置：摄像头和扫码枪</translation>
    </message>
    <message>
        <source>Set up: test scan</source>
        <translation>设置：测试扫码</translation>
    </message>
    <message>
        <source>Set up: test sync</source>
        <translation>设置：测试同步</translation>
    </message>
    <message>
        <source>Set up: first supervisor</source>
        <translation>设置：首个主管账号</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>ReceiptBar</name>
    <message>
        <source>Reprint last receipt</source>
        <translation>重打上一张小票</translation>
    </message>
    <message>
        <source>Reprint this receipt</source>
        <translation>重打所选小票</translation>
    </message>
</context>
<context>
    <name>ReceiptController</name>
    <message>
        <source>No receipt yet since the app started: pick the operation.</source>
        <translation>本次启动后还没有小票：请在列表中选择操作。</translation>
    </message>
    <message>
        <source>Pick an operation first.</source>
        <translation>请先选择一项操作。</translation>
    </message>
    <message>
        <source>The receipt could not be prepared. Call a technician.</source>
        <translation>无法生成小票。请联系技术员。</translation>
    </message>
    <message>
        <source>The receipt was printed again.</source>
        <translation>小票已重新打印。</translation>
    </message>
    <message>
        <source>No receipt printer is set up: a technician sets [printer] port in settings.toml.</source>
        <translation>未设置小票打印机：请技术员在 settings.toml 中设置 [printer] port。</translation>
    </message>
    <message>
        <source>The receipt printer at %1 stopped printing.</source>
        <translation>小票打印机 %1 中途停止打印。</translation>
    </message>
    <message>
        <source>The receipt printer at %1 cannot be reached: is it on and connected?</source>
        <translation>无法连接小票打印机 %1：请检查是否开机并已连接。</translation>
    </message>
    <message>
        <source>The receipt did not print: the printer settings cannot be read.</source>
        <translation>小票未打印：无法读取打印机设置。</translation>
    </message>
    <message>
        <source>The operation is saved; reprint the receipt from Refund.</source>
        <translation>操作已保存；可在“退款”页面重打小票。</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>The counter&apos;s receipt printer (demo): each receipt as it comes out of the printer, in the language the counter printed it in.</source>
        <translation>柜台的小票打印机（演示）：每张小票按打印出来的样子显示，使用柜台打印时的语言。</translation>
    </message>
    <message>
        <source>No receipt yet: award points at the counter.</source>
        <translation>还没有小票：请在柜台为会员积分。</translation>
    </message>
    <message>
        <source>(the printer received something unreadable)</source>
        <translation>（打印机收到了无法识别的内容）</translation>
    </message>
</context>
<context>
    <name>RefundScreen</name>
    <message>
        <source>Refund or reverse an operation</source>
        <translation>退款或撤销操作</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Other day</source>
        <translation>其他日期</translation>
    </message>
    <message>
        <source>operation ID from the receipt</source>
        <translation>小票上的操作编号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>all of it</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Leave the amount empty to refund the whole purchase. A redemption is always reversed whole.</source>
        <translation>金额留空即退还整笔消费。兑换只能整笔撤销。</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Operations of %1</source>
        <translation>%1 的操作</translation>
    </message>
    <message>
        <source>Nothing is left to refund.</source>
        <translation>已无可退金额。</translation>
    </message>
    <message>
        <source>Operation %1 of another day.</source>
        <translation>其他日期的操作 %1。</translation>
    </message>
    <message>
        <source>Pick an operation on the left.</source>
        <translation>请在左侧选择一笔操作。</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Net points</source>
        <translation>净积分</translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Per operation</source>
        <translation>按操作</translation>
    </message>
    <message>
        <source>Per staff member</source>
        <translation>按员工</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n operation(s)</source>
        <translation>
            <numerusform>%1（共 %n 笔操作）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of this day, %2 in all</source>
        <translation>当天 %1 笔，共 %2 笔</translation>
    </message>
    <message>
        <source>%1 of this day, %2 unresolved</source>
        <translation>当天 %1 笔，未处理 %2 笔</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Redeem a reward</source>
        <translation>兑换礼品</translation>
    </message>
    <message>
        <source>Choose the reward (points needed)</source>
        <translation>选择礼品（所需积分）</translation>
    </message>
    <message>
        <source>The member can spend %1 points now.</source>
        <translation>会员现在可使用 %1 积分。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 points + %2</source>
        <translation>%1 积分 + %2</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) short</source>
        <translation>
            <numerusform>还差 %n 积分</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <source>Scan the member&apos;s code</source>
        <translation>请扫描会员码</translation>
    </message>
    <message>
        <source>Hold the phone under the camera, or use the hand scanner. Any screen accepts a scan.</source>
        <translation>请将手机对准摄像头，或使用手持扫码枪。任何界面都可以直接扫码。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <source>USB keyboard scanner</source>
        <translation>USB 键盘扫码枪</translation>
    </message>
    <message>
        <source>Or paste or type a code:</source>
        <translation>或粘贴、输入会员码：</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>无摄像头画面</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>Code accepted: member %1.</source>
        <translation>会员码有效：会员 %1。</translation>
    </message>
    <message>
        <source>Points available now: %1.</source>
        <translation>当前可用积分：%1。</translation>
    </message>
    <message>
        <source>The end-of-day report is for a supervisor or a technician.</source>
        <translation>日结报表仅限主管或技术人员查看。</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>已添加账户 %1。</translation>
    </message>
    <message>
        <source>New PIN set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <source>Your PIN was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>账户 %1 已停用，无法再登录。</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>账户 %1 已重新启用。</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Staff sign-in</source>
        <translation>员工登录</translation>
    </message>
    <message>
        <source>Scan your staff card, or enter your staff ID and PIN.</source>
        <translation>请扫描员工码，或输入工号和密码。</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SourceState</name>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>启动中…</translation>
    </message>
    <message>
        <source>disconnected, retrying</source>
        <translation>已断开，正在重试</translation>
    </message>
    <message>
        <source>not working</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>等待扫码</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Staff accounts</source>
        <translation>员工账户</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>6 to 12 digits</source>
        <translation>6 到 12 位数字</translation>
    </message>
    <message>
        <source>To add, fill in the ID, name, role and PIN. To reset a PIN or disable, pick an account in the list.</source>
        <translation>添加账户：填写工号、姓名、角色和密码。重设密码或停用：先在列表中选择账户。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Loyalty server</source>
        <translation>会员服务器</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Terminal clock</source>
        <translation>终端时钟</translation>
    </message>
    <message>
        <source>Last round</source>
        <translation>上一轮同步</translation>
    </message>
    <message>
        <source>Rejected events (reconciliation)</source>
        <translation>被拒绝的记录（待核对）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Retry sync now</source>
        <translation>立即重新同步</translation>
    </message>
    <message>
        <source>Sync done: %1 sent, %2 accepted, %3 rejected, %4 still waiting.</source>
        <translation>同步完成：发送 %1 条，接受 %2 条，拒绝 %3 条，仍有 %4 条待发送。</translation>
    </message>
    <message>
        <source>Sync failed; events stay queued. %1</source>
        <translation>同步失败，记录仍在队列中。%1</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未校对</translation>
    </message>
    <message>
        <source>off by %1 s: check the time settings</source>
        <translation>偏差 %1 秒：请检查时间设置</translation>
    </message>
    <message>
        <source>correct (%1 s)</source>
        <translation>正常（%1 秒）</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>QR decoders</source>
        <translation>二维码解码器</translation>
    </message>
    <message>
        <source>Decode time per frame (median)</source>
        <translation>每帧解码时间（中位数）</translation>
    </message>
    <message>
        <source>Camera frame rate</source>
        <translation>摄像头帧率</translation>
    </message>
    <message>
        <source>Frames captured / decoded / skipped</source>
        <translation>采集 / 解码 / 跳过的帧数</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Scanner log</source>
        <translation>扫码日志</translation>
    </message>
    <message>
        <source>Run the setup wizard again</source>
        <translation>重新运行设置向导</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>no camera running</source>
        <translation>摄像头未运行</translation>
    </message>
</context>
<context>
    <name>TierCard</name>
    <message>
        <source>Member %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <source>Points available</source>
        <translation>可用积分</translation>
    </message>
    <message>
        <source>Server balance %1 as of %2</source>
        <translation>服务器余额 %1（截至 %2）</translation>
    </message>
    <message>
        <source>Card balance %1 as of %2</source>
        <translation>会员卡余额 %1（截至 %2）</translation>
    </message>
    <message>
        <source>Privileges: %1</source>
        <translation>会员权益：%1</translation>
    </message>
    <message>
        <source>Spend %1 more to reach %2</source>
        <translation>再消费 %1 即可升级为%2</translation>
    </message>
    <message>
        <source>Next tier: %1, from %2 spent in a year</source>
        <translation>下一等级：%1（年消费满 %2）</translation>
    </message>
    <message>
        <source>Top tier reached</source>
        <translation>已是最高等级</translation>
    </message>
    <message>
        <source>%n operation(s) waiting to sync (%1 points)</source>
        <translation>%n 笔操作等待同步（%1 积分）</translation>
    </message>
    <message>
        <source>Nothing waiting to sync</source>
        <translation>没有待同步的操作</translation>
    </message>
    <message>
        <source>Synced, not in this balance yet: %1 points</source>
        <translation>已同步、尚未计入此余额：%1 积分</translation>
    </message>
    <message>
        <source>Pickup order %1</source>
        <translation>自提订单 %1</translation>
    </message>
</context>
<context>
    <name>TillSaleNotice</name>
    <message>
        <source>Till sale %1: %2. Scan the member&apos;s code now.</source>
        <translation>收银交易 %1：%2。请现在扫描会员码。</translation>
    </message>
    <message numerus="yes">
        <source>%n more sale(s) waiting.</source>
        <translation>
            <numerusform>另有 %n 笔交易等待中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Till sale %1: member %2 identified. The till finishes the sale.</source>
        <translation>收银交易 %1：已识别会员 %2，请在收银机上完成交易。</translation>
    </message>
</context>
<context>
    <name>TillSaleScreen</name>
    <message>
        <source>Sale</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <source>Till sale %1</source>
        <translation>收银交易 %1</translation>
    </message>
    <message>
        <source>%1 (%2 points)</source>
        <translation>%1（%2 积分）</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>%1 points held for this sale. The till finishes it.</source>
        <translation>已为本笔交易保留 %1 积分，请在收银机上完成。</translation>
    </message>
    <message>
        <source>Member identified. The till finishes the sale.</source>
        <translation>已识别会员，请在收银机上完成交易。</translation>
    </message>
    <message>
        <source>Sale confirmed by the till.</source>
        <translation>收银机已确认交易。</translation>
    </message>
    <message>
        <source>Sale refunded by the till.</source>
        <translation>收银机已退款。</translation>
    </message>
    <message>
        <source>Sale cancelled by the till.</source>
        <translation>收银机已取消交易。</translation>
    </message>
    <message>
        <source>−%1 (%2 points)</source>
        <translation>−%1（%2 积分）</translation>
    </message>
    <message>
        <source>Earned %1 points, spent %2 points. Balance now %3 points.</source>
        <translation>获得 %1 积分，使用 %2 积分。现有余额 %3 积分。</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>The loyalty server cannot be reached. Events stay on this terminal and are sent when it answers.</source>
        <translation>无法连接会员服务器。记录保存在本终端，服务器恢复后会自动发送。</translation>
    </message>
    <message>
        <source>The loyalty server&apos;s answer could not be read. Check the server address; call a technician if it is right.</source>
        <translation>无法读取会员服务器的应答。请检查服务器地址；地址无误时请联系技术员。</translation>
    </message>
    <message>
        <source>This enrolment code is unknown, already used or expired. Ask the loyalty office for a new code.</source>
        <translation>该注册码无效、已使用或已过期。请向会员中心索取新的注册码。</translation>
    </message>
    <message>
        <source>Too many attempts in a short time. Wait a minute, then try again.</source>
        <translation>短时间内尝试次数过多。请等待一分钟后再试。</translation>
    </message>
    <message>
        <source>The loyalty server has blocked this terminal. Call a technician.</source>
        <translation>会员服务器已停用本终端。请联系技术员。</translation>
    </message>
    <message>
        <source>The loyalty server does not know this terminal. Call a technician to enrol it again.</source>
        <translation>会员服务器不认识本终端。请联系技术员重新注册。</translation>
    </message>
    <message>
        <source>The loyalty server did not accept this terminal&apos;s signature. Call a technician.</source>
        <translation>会员服务器不接受本终端的签名。请联系技术员。</translation>
    </message>
    <message>
        <source>This terminal&apos;s clock is too far from the server&apos;s. Correct the clock, then sync again.</source>
        <translation>本终端的时钟与服务器相差过大。请校正时钟后重新同步。</translation>
    </message>
    <message>
        <source>The loyalty server received this request twice; it is sent again later.</source>
        <translation>会员服务器收到了两次相同的请求；稍后会重新发送。</translation>
    </message>
    <message>
        <source>A request was too large for the loyalty server. Call a technician.</source>
        <translation>请求过大，会员服务器无法接收。请联系技术员。</translation>
    </message>
    <message>
        <source>The loyalty server cannot use its database right now. Try again later.</source>
        <translation>会员服务器的数据库暂时不可用。请稍后再试。</translation>
    </message>
    <message>
        <source>The loyalty server refused the request. Call a technician if this goes on.</source>
        <translation>会员服务器拒绝了请求。如果持续出现，请联系技术员。</translation>
    </message>
    <message>
        <source>The loyalty server cannot be reached at this address. Check the address and the network, then try again.</source>
        <translation>无法通过此地址连接会员服务器。请检查地址和网络后重试。</translation>
    </message>
    <message>
        <source>The camera cannot be used. Check its cable and the chosen device; the technician screen shows why.</source>
        <translation>无法使用摄像头。请检查连接线和所选设备；技术员页面显示具体原因。</translation>
    </message>
    <message>
        <source>The scanner port cannot be opened. Check the cable and the chosen port; the technician screen shows why.</source>
        <translation>无法打开扫码枪端口。请检查连接线和所选端口；技术员页面显示具体原因。</translation>
    </message>
    <message>
        <source>The scanner was disconnected. Plug it in again; it is found by itself.</source>
        <translation>扫码枪已断开。请重新插上，系统会自动识别。</translation>
    </message>
    <message>
        <source>The sync stopped. Restart the app; call a technician if it happens again.</source>
        <translation>同步已停止。请重启应用；如再次出现，请联系技术员。</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>points award</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>redemption</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>自提</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>reversed redemption</source>
        <translation>撤销兑换</translation>
    </message>
    <message>
        <source>points as cash</source>
        <translation>积分抵现</translation>
    </message>
</context>
<context>
    <name>privileges</name>
    <message>
        <source>member prices</source>
        <translation>会员价</translation>
    </message>
    <message>
        <source>birthday gift</source>
        <translation>生日礼</translation>
    </message>
    <message>
        <source>free delivery</source>
        <translation>免费配送</translation>
    </message>
    <message>
        <source>priority pickup</source>
        <translation>优先自提</translation>
    </message>
</context>
<context>
    <name>reason_codes</name>
    <message>
        <source>below_min_spend</source>
        <translation>消费金额未达到积分起点。</translation>
    </message>
    <message>
        <source>already_awarded</source>
        <translation>这个码已经发放过积分。</translation>
    </message>
    <message>
        <source>bad_order</source>
        <translation>无法读取该订单的商品，请联系客服热线。</translation>
    </message>
    <message>
        <source>already_handed_over</source>
        <translation>该订单已全部交付。</translation>
    </message>
    <message>
        <source>unknown_item</source>
        <translation>该商品不在此订单中。</translation>
    </message>
    <message>
        <source>too_many</source>
        <translation>交付数量超过剩余数量。</translation>
    </message>
    <message>
        <source>bad_amount</source>
        <translation>请输入大于零、最多两位小数的金额。</translation>
    </message>
    <message>
        <source>unknown_reward</source>
        <translation>礼品不在目录中，请同步后重试。</translation>
    </message>
    <message>
        <source>wrong_cash</source>
        <translation>现金金额与该礼品不符。</translation>
    </message>
    <message>
        <source>already_redeemed</source>
        <translation>这个码已经兑换过礼品。</translation>
    </message>
    <message>
        <source>insufficient_points</source>
        <translation>会员积分不足，无法兑换该礼品。</translation>
    </message>
    <message>
        <source>offline_cap</source>
        <translation>离线状态下已超过每日兑换上限，需要主管授权。</translation>
    </message>
    <message>
        <source>unknown_event</source>
        <translation>本终端没有这笔操作。</translation>
    </message>
    <message>
        <source>not_refundable</source>
        <translation>这类操作不能退款。</translation>
    </message>
    <message>
        <source>already_refunded</source>
        <translation>这笔操作已经退过款。</translation>
    </message>
    <message>
        <source>refund_too_large</source>
        <translation>退款金额超过可退金额。</translation>
    </message>
    <message>
        <source>bad_staff_code</source>
        <translation>员工码中的角色无法识别。</translation>
    </message>
    <message>
        <source>not_allowed</source>
        <translation>您的角色不能进行此操作，请找主管。</translation>
    </message>
    <message>
        <source>bad_pin</source>
        <translation>密码须为 6 到 12 位数字。</translation>
    </message>
    <message>
        <source>bad_staff_id</source>
        <translation>工号长度须为 1 到 64 个字符。</translation>
    </message>
    <message>
        <source>bad_sign_in</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <source>account_disabled</source>
        <translation>此员工账户已停用，请找主管。</translation>
    </message>
    <message>
        <source>above_own_rights</source>
        <translation>任何人都不能创建权限高于自己的账户，请找主管。</translation>
    </message>
    <message>
        <source>staff_exists</source>
        <translation>此工号已被使用，请换一个工号；现有账户不会被覆盖。</translation>
    </message>
    <message>
        <source>own_account</source>
        <translation>不能在此停用自己的账户或重设自己的密码；请用当前密码修改密码。</translation>
    </message>
    <message>
        <source>unknown_staff</source>
        <translation>没有此工号的员工账户。</translation>
    </message>
    <message>
        <source>sign_in_required</source>
        <translation>请以主管身份登录后再添加员工账户。</translation>
    </message>
    <message>
        <source>bad_coupon</source>
        <translation>本店不支持这种优惠券。</translation>
    </message>
    <message>
        <source>coupon_used</source>
        <translation>这张优惠券已经使用过。</translation>
    </message>
    <message>
        <source>already_checked_in</source>
        <translation>该会员今天已在本店签到。</translation>
    </message>
    <message>
        <source>code_used</source>
        <translation>这个码已在其他收银台或其他结账中使用过，请会员出示新的码。</translation>
    </message>
    <message>
        <source>order_handed_over</source>
        <translation>这个订单已经取走。</translation>
    </message>
    <message>
        <source>items_exceed_remaining</source>
        <translation>超出了订单剩余的数量。</translation>
    </message>
    <message>
        <source>order_elsewhere</source>
        <translation>这个订单正在其他收银台取货，请在那里完成。</translation>
    </message>
    <message>
        <source>catalog_outdated</source>
        <translation>兑换目录已更新，请同步后再试。</translation>
    </message>
    <message>
        <source>policy_outdated</source>
        <translation>签到积分已更改，请同步后再试。</translation>
    </message>
    <message>
        <source>unknown_member</source>
        <translation>后台没有这个会员的记录。</translation>
    </message>
    <message>
        <source>unknown_order</source>
        <translation>后台没有这个订单，请联系客服热线。</translation>
    </message>
    <message>
        <source>wrong_purpose</source>
        <translation>这个码不能用于此操作，请会员选择正确的码。</translation>
    </message>
    <message>
        <source>not_provisioned</source>
        <translation>本终端尚未设置，请联系技术员。</translation>
    </message>
    <message>
        <source>config</source>
        <translation>终端设置有误，请联系技术员。</translation>
    </message>
    <message>
        <source>storage</source>
        <translation>终端无法保存数据，请联系技术员。</translation>
    </message>
    <message>
        <source>storage_full</source>
        <translation>终端磁盘已满，未保存任何内容。请联系技术员清理空间。</translation>
    </message>
    <message>
        <source>storage_read_only</source>
        <translation>终端无法写入数据（只读），未保存任何内容。请联系技术员。</translation>
    </message>
    <message>
        <source>storage_io</source>
        <translation>终端磁盘报告读写错误，未保存任何内容。请联系技术员。</translation>
    </message>
    <message>
        <source>storage_corrupt</source>
        <translation>终端的数据文件已损坏，未保存任何内容。请联系技术员，不要删除任何文件。</translation>
    </message>
    <message>
        <source>storage_busy</source>
        <translation>终端数据正忙，未保存任何内容。请稍后再试。</translation>
    </message>
    <message>
        <source>storage_too_new</source>
        <translation>此终端的一个数据文件由更新版本的软件写入。未做任何更改。请重新安装该版本，或联系技术员。</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>出现错误，未保存任何内容，请联系技术员。</translation>
    </message>
    <message>
        <source>original_rejected</source>
        <translation>后台已拒绝这笔操作，不能退款或撤销。</translation>
    </message>
    <message>
        <source>over_max_purchase</source>
        <translation>消费金额超过单笔可积分的上限。</translation>
    </message>
    <message>
        <source>sync_error</source>
        <translation>无法连接会员服务器，记录仍保存在本终端，稍后会自动重试。</translation>
    </message>
    <message>
        <source>no_backend</source>
        <translation>本终端未连接会员服务器，记录保存在本机。</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>另一个程序正在发送本终端的记录，本轮稍后再试。</translation>
    </message>
    <message>
        <source>staff_from_office</source>
        <translation>员工账户由会员办公室管理。请联系办公室添加或修改此账户。</translation>
    </message>
    <message>
        <source>pin_change_offline</source>
        <translation>PIN 由办公室保管，只能在终端联网时修改。请在终端联网后再试。</translation>
    </message>
    <message>
        <source>no_staff_directory</source>
        <translation>本终端尚未收到办公室的员工名单。请连接网络并同步，并请办公室为本门店添加员工。</translation>
    </message>
    <message>
        <source>staff_key_damaged</source>
        <translation>本终端的员工密钥已损坏。请重新配置终端。</translation>
    </message>
    <message>
        <source>pin_change_refused</source>
        <translation>办公室拒绝了新的 PIN。请联系会员办公室。</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>The server computed other points for this record; it was not applied.</source>
        <translation>后台核算的积分与这条记录不符，记录未生效。</translation>
    </message>
    <message>
        <source>This record carries no member code; it was not applied.</source>
        <translation>这条记录没有会员码，记录未生效。</translation>
    </message>
    <message>
        <source>The server does not know this member; the record was not applied.</source>
        <translation>后台没有这位会员，记录未生效。</translation>
    </message>
    <message>
        <source>The server did not accept the original operation, so it cannot be reversed.</source>
        <translation>后台未接受原操作，因此不能撤销。</translation>
    </message>
    <message>
        <source>The member already checked in at this store today at another terminal.</source>
        <translation>该会员今天已在本店的其他终端签到。</translation>
    </message>
    <message>
        <source>This record is dated after the server&apos;s clock. Check the terminal&apos;s clock.</source>
        <translation>这条记录的时间晚于服务器时间。请检查终端时钟。</translation>
    </message>
    <message>
        <source>The server does not know the policy or catalog used. Call a technician.</source>
        <translation>后台不认识所用的积分规则或目录版本。请联系技术员。</translation>
    </message>
    <message>
        <source>The member&apos;s balance would leave the allowed range; not applied.</source>
        <translation>会员积分将超出允许范围，记录未生效。</translation>
    </message>
    <message>
        <source>This is not a member code (too long). Ask the member to show the code again.</source>
        <translation>这不是会员码（内容过长）。请会员重新出示会员码。</translation>
    </message>
    <message>
        <source>This is not a valid member code. Ask the member to open the code in the app.</source>
        <translation>这不是有效的会员码。请会员在小程序中打开会员码。</translation>
    </message>
    <message>
        <source>This code comes from a newer app version. Ask the member to update the app.</source>
        <translation>此会员码来自更新版本的小程序。请会员更新小程序。</translation>
    </message>
    <message>
        <source>This code is signed by an unknown issuer key. Sync the terminal and try again.</source>
        <translation>此会员码的签发密钥未知。请同步终端后重试。</translation>
    </message>
    <message>
        <source>This code is forged or damaged. Do not accept it.</source>
        <translation>此会员码是伪造的或已损坏。请勿接受。</translation>
    </message>
    <message>
        <source>The member&apos;s card has expired. Ask the member to open the app online to renew it.</source>
        <translation>会员卡已过期。请会员在联网状态下打开小程序续期。</translation>
    </message>
    <message>
        <source>This code is not valid yet. Check the terminal&apos;s clock.</source>
        <translation>此会员码尚未生效。请检查终端时钟。</translation>
    </message>
    <message>
        <source>This membership card has been blocked. Do not accept it.</source>
        <translation>此会员卡已被冻结。请勿接受。</translation>
    </message>
    <message>
        <source>This code is out of date. Ask the member to show the current code.</source>
        <translation>此会员码已过时。请会员出示最新的会员码。</translation>
    </message>
    <message>
        <source>This code is from the future. Check the clocks of the phone and the terminal.</source>
        <translation>此会员码的时间超前。请检查手机和终端的时钟。</translation>
    </message>
    <message>
        <source>This code has already been used. Ask the member for a new code.</source>
        <translation>此会员码已被使用。请会员刷新后出示新码。</translation>
    </message>
    <message>
        <source>This code is for something else. Ask the member to choose the right code.</source>
        <translation>此会员码用于其他用途。请会员选择正确的码。</translation>
    </message>
    <message>
        <source>The order or coupon belongs to a different member.</source>
        <translation>该订单或优惠券属于其他会员。</translation>
    </message>
    <message>
        <source>This order or coupon is for a different store.</source>
        <translation>该订单或优惠券不属于本店。</translation>
    </message>
    <message>
        <source>This update is not from our loyalty program. Call a technician.</source>
        <translation>此更新并非来自本会员计划。请联系技术员。</translation>
    </message>
    <message>
        <source>This update is older than the one the terminal has.</source>
        <translation>此更新比终端现有版本更旧。</translation>
    </message>
    <message>
        <source>The code was refused. Ask the member for a new code.</source>
        <translation>会员码被拒绝。请会员出示新码。</translation>
    </message>
    <message>
        <source>Points are earned with a checkout code.</source>
        <translation>积分须使用结账码获取。</translation>
    </message>
    <message>
        <source>Points start at a spend of %1 %2.</source>
        <translation>消费满 %1 %2 起才能获得积分。</translation>
    </message>
    <message>
        <source>Points were already given for this code: %1 for %2.</source>
        <translation>此码已发放过积分：消费 %2 获得 %1 积分。</translation>
    </message>
    <message>
        <source>Ask the member to open the pickup code of the order.</source>
        <translation>请会员打开该订单的取货码。</translation>
    </message>
    <message>
        <source>This order has no items.</source>
        <translation>该订单没有商品。</translation>
    </message>
    <message>
        <source>Order %1 was already handed over at another counter (order statuses %2).</source>
        <translation>订单 %1 已在其他收银台交付（订单状态%2）。</translation>
    </message>
    <message>
        <source>Order %1 was already handed over.</source>
        <translation>订单 %1 已全部交付。</translation>
    </message>
    <message>
        <source>Order %1 was partly handed over at another counter; while the loyalty server does not answer, only that counter can go on. Still to hand over: %2.</source>
        <translation>订单 %1 已在其他收银台部分交付；会员服务器无响应时，只能在那个收银台继续交付。仍待交付：%2。</translation>
    </message>
    <message>
        <source>This order&apos;s item list cannot be read. Call the hotline.</source>
        <translation>无法读取该订单的商品清单。请拨打服务热线。</translation>
    </message>
    <message>
        <source>%1 is not part of order %2.</source>
        <translation>%1 不在订单 %2 中。</translation>
    </message>
    <message>
        <source>Only %1 of %2 left to hand over.</source>
        <translation>%2 只剩 %1 件待交付。</translation>
    </message>
    <message>
        <source>Identifying a member without the QR code needs the loyalty backend, and it cannot be reached. Ask the member to show the QR code in the app.</source>
        <translation>不扫二维码识别会员需要连接会员服务器，但目前无法连接。请会员在应用中出示二维码。</translation>
    </message>
    <message>
        <source>The member number or the 8-digit code is wrong. Ask the member to read the code in the app again.</source>
        <translation>会员号或 8 位验证码错误。请会员重新读出应用中的验证码。</translation>
    </message>
    <message>
        <source>This code was used already. Ask the member for the next code (it changes every 30 seconds).</source>
        <translation>此验证码已使用过。请会员提供下一个验证码（每 30 秒更新一次）。</translation>
    </message>
    <message>
        <source>This membership has been blocked. Do not serve it as a member.</source>
        <translation>该会员资格已被冻结，请勿按会员办理。</translation>
    </message>
    <message>
        <source>A member number is 1 to 64 letters or digits.</source>
        <translation>会员号为 1 至 64 位字母或数字。</translation>
    </message>
    <message>
        <source>The code from the app has 8 digits.</source>
        <translation>应用中的验证码为 8 位数字。</translation>
    </message>
    <message>
        <source>The backend&apos;s answer is for another member or counter. Do not accept it; call a technician.</source>
        <translation>服务器的应答属于其他会员或收银台。请勿接受，并联系技术员。</translation>
    </message>
    <message>
        <source>Too many codes were tried for this member. Scan the QR code instead.</source>
        <translation>该会员的验证码尝试次数过多。请改为扫描二维码。</translation>
    </message>
    <message>
        <source>The backend refused this identification.</source>
        <translation>服务器拒绝了此次识别。</translation>
    </message>
    <message>
        <source>Too many manual codes were tried at this counter. Scan the member&apos;s QR code, or try again in %1 minutes.</source>
        <translation>本收银台尝试的手动码次数过多。请扫描会员的二维码，或 %1 分钟后再试。</translation>
    </message>
    <message>
        <source>Too many codes were tried for this member. Try again in %1 minutes or scan the QR code.</source>
        <translation>该会员的验证码尝试次数过多。请 %1 分钟后再试，或扫描二维码。</translation>
    </message>
    <message>
        <source>Enter an amount above zero with at most two decimals.</source>
        <translation>请输入大于零、最多两位小数的金额。</translation>
    </message>
    <message>
        <source>At most %1 per purchase can earn points.</source>
        <translation>每笔消费最多 %1 可获得积分。</translation>
    </message>
    <message>
        <source>That amount is too large for one purchase.</source>
        <translation>单笔消费金额过大。</translation>
    </message>
    <message>
        <source>%1 is not an amount of money.</source>
        <translation>%1 不是有效金额。</translation>
    </message>
    <message>
        <source>The backend refused this (%1): %2.</source>
        <translation>服务器拒绝了此操作（%1）：%2。</translation>
    </message>
    <message>
        <source>last synced %1</source>
        <translation>上次同步于 %1</translation>
    </message>
    <message>
        <source>The member has %1 points available (balance %2).</source>
        <translation>会员可用积分为 %1（余额 %2）。</translation>
    </message>
    <message>
        <source>This code was already used at another counter or checkout. Ask the member for a new code.</source>
        <translation>这个码已在其他收银台或其他结账中使用过，请会员出示新的码。</translation>
    </message>
    <message>
        <source>This code was already used for this in this checkout. Ask the member for a new code.</source>
        <translation>这个码已在本次结账中用于同一操作，请会员出示新的码。</translation>
    </message>
    <message>
        <source>This coupon has already been used.</source>
        <translation>这张优惠券已经使用过。</translation>
    </message>
    <message>
        <source>The member has already checked in at this store today.</source>
        <translation>该会员今天已在本店签到。</translation>
    </message>
    <message>
        <source>The rewards catalog has changed. Sync and try again.</source>
        <translation>礼品目录已更新。请同步后重试。</translation>
    </message>
    <message>
        <source>The backend does not know this member.</source>
        <translation>服务器中没有该会员。</translation>
    </message>
    <message>
        <source>The backend does not know this order. Call the hotline.</source>
        <translation>服务器中没有该订单。请拨打服务热线。</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>The member has %1 points available (balance %2); this reward needs %3.</source>
        <translation>会员可用积分为 %1（余额 %2）；该礼品需要 %3 积分。</translation>
    </message>
    <message>
        <source>This order was already handed over.</source>
        <translation>该订单已全部交付。</translation>
    </message>
    <message>
        <source>This order was already handed over. Still to hand over: %1.</source>
        <translation>该订单已全部交付。仍待交付：%1。</translation>
    </message>
    <message>
        <source>That is more than remains of this order.</source>
        <translation>交付数量超过该订单的剩余数量。</translation>
    </message>
    <message>
        <source>That is more than remains of this order. Still to hand over: %1.</source>
        <translation>交付数量超过该订单的剩余数量。仍待交付：%1。</translation>
    </message>
    <message>
        <source>This order is being handed over at another counter; finish it there.</source>
        <translation>这个订单正在其他收银台取货，请在那里完成。</translation>
    </message>
    <message>
        <source>This order is being handed over at another counter; finish it there. Still to hand over: %1.</source>
        <translation>这个订单正在其他收银台取货，请在那里完成。仍待交付：%1。</translation>
    </message>
    <message>
        <source>Reward %1 is not in the catalog. Sync and try again.</source>
        <translation>礼品 %1 不在目录中。请同步后重试。</translation>
    </message>
    <message>
        <source>Rewards are redeemed with a checkout code.</source>
        <translation>礼品须使用结账码兑换。</translation>
    </message>
    <message>
        <source>This reward is not offered at this store.</source>
        <translation>本店不提供此礼品。</translation>
    </message>
    <message>
        <source>This reward is offered from %1 to %2.</source>
        <translation>此礼品的兑换期为 %1 至 %2。</translation>
    </message>
    <message>
        <source>This reward needs the connection to check its stock.</source>
        <translation>此礼品需联网核对库存，离线时不能兑换。</translation>
    </message>
    <message>
        <source>This reward is out of stock.</source>
        <translation>此礼品已兑完。</translation>
    </message>
    <message>
        <source>This reward is not offered today.</source>
        <translation>此礼品今天不可兑换。</translation>
    </message>
    <message>
        <source>No reward is offered at this store today.</source>
        <translation>本店今天没有可兑换的礼品。</translation>
    </message>
    <message>
        <source>This reward is %1 points + %2 %3.</source>
        <translation>该礼品需要 %1 积分 + %2 %3。</translation>
    </message>
    <message>
        <source>A reward was already redeemed with this code.</source>
        <translation>这个码已经兑换过礼品。</translation>
    </message>
    <message>
        <source>Offline, the member can spend %1 points here (card balance %2 as of %3, less what was spent here since); this reward needs %4.</source>
        <translation>离线状态下，会员在此最多可使用 %1 积分（%3 时的卡内余额 %2，减去此后在此使用的积分）；该礼品需要 %4 积分。</translation>
    </message>
    <message>
        <source>Offline, at most %1 points per member per day can be redeemed here %2; %3 already used today.</source>
        <translation>离线状态下，%2每位会员每天在此最多可兑换 %1 积分；今天已使用 %3 积分。</translation>
    </message>
    <message>
        <source>A %1 cannot be refunded.</source>
        <translation>%1无法退款。</translation>
    </message>
    <message>
        <source>No operation %1 at this terminal.</source>
        <translation>本终端没有操作 %1。</translation>
    </message>
    <message>
        <source>The backend rejected this operation, so there is nothing to refund or reverse.</source>
        <translation>服务器已拒绝该操作，因此无需退款或撤销。</translation>
    </message>
    <message>
        <source>A redemption is reversed whole; leave the amount out.</source>
        <translation>兑换只能整笔撤销；请不要填写金额。</translation>
    </message>
    <message>
        <source>This purchase has already been refunded.</source>
        <translation>这笔消费已经退过款。</translation>
    </message>
    <message>
        <source>At most %1 can still be refunded for this purchase.</source>
        <translation>该笔消费最多还可退款 %1。</translation>
    </message>
    <message>
        <source>This redemption has already been reversed.</source>
        <translation>该兑换已撤销。</translation>
    </message>
    <message>
        <source>Points are spent with a checkout code.</source>
        <translation>积分须使用结账码抵扣。</translation>
    </message>
    <message>
        <source>The paid amount is at most the sale less the points as cash: %1.</source>
        <translation>实付金额最多为消费金额减去积分抵扣：%1。</translation>
    </message>
    <message>
        <source>The member has %1 points available.</source>
        <translation>会员可用积分为 %1。</translation>
    </message>
    <message>
        <source>This staff code names an unknown role.</source>
        <translation>此员工码的角色未知。</translation>
    </message>
    <message>
        <source>A PIN must be 6 to 12 digits.</source>
        <translation>密码须为 6 到 12 位数字。</translation>
    </message>
    <message>
        <source>A %1 may not do this (%2). Ask a supervisor.</source>
        <translation>%1不能进行此操作（%2），请找主管。</translation>
    </message>
    <message>
        <source>A staff ID must be 1 to 64 characters.</source>
        <translation>工号长度须为 1 到 64 个字符。</translation>
    </message>
    <message>
        <source>Wrong staff id or PIN.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <source>This staff account is disabled. Ask a supervisor.</source>
        <translation>此员工账户已停用，请找主管。</translation>
    </message>
    <message>
        <source>There is no staff account with this ID.</source>
        <translation>没有此工号的员工账户。</translation>
    </message>
    <message>
        <source>This staff ID is taken. Choose another ID; an account is never replaced.</source>
        <translation>此工号已被使用，请换一个工号；现有账户不会被覆盖。</translation>
    </message>
    <message>
        <source>No one may create an account with more rights than their own. Ask a supervisor.</source>
        <translation>任何人都不能创建权限高于自己的账户，请找主管。</translation>
    </message>
    <message>
        <source>A cashier may not manage staff accounts.</source>
        <translation>收银员不能管理员工账户。</translation>
    </message>
    <message>
        <source>Only a supervisor may disable an account or reset someone&apos;s PIN.</source>
        <translation>只有主管可以停用账户或重设他人的密码。</translation>
    </message>
    <message>
        <source>You cannot disable your own account or reset your own PIN here; change your PIN with your current PIN.</source>
        <translation>不能在此停用自己的账户或重设自己的密码；请用当前密码修改密码。</translation>
    </message>
    <message>
        <source>Sign in as a supervisor to add staff accounts.</source>
        <translation>请以主管身份登录后添加员工账户。</translation>
    </message>
    <message>
        <source>Ask the member to open the coupon&apos;s code.</source>
        <translation>请会员打开优惠券的码。</translation>
    </message>
    <message>
        <source>This coupon&apos;s kind (%1) is not known here.</source>
        <translation>本终端不认识该优惠券类型（%1）。</translation>
    </message>
    <message>
        <source>This coupon has already been used at another counter (coupon statuses %1).</source>
        <translation>该优惠券已在其他收银台使用（优惠券状态%1）。</translation>
    </message>
    <message>
        <source>Ask the member to open the check-in code.</source>
        <translation>请会员打开签到码。</translation>
    </message>
    <message>
        <source>The check-in points have changed. Sync and try again.</source>
        <translation>签到积分已变更。请同步后重试。</translation>
    </message>
    <message>
        <source>The member has already checked in here today.</source>
        <translation>该会员今天已在本店签到。</translation>
    </message>
    <message>
        <source>Sale %1 was already sent a different %2 request.</source>
        <translation>销售单 %1 已收到过不同的 %2 请求。</translation>
    </message>
    <message>
        <source>A member code is at most %1 characters.</source>
        <translation>会员码最多 %1 个字符。</translation>
    </message>
    <message>
        <source>This sale is already %1.</source>
        <translation>该销售单已是 %1 状态。</translation>
    </message>
    <message>
        <source>This sale earned no points to refund.</source>
        <translation>这笔交易没有获得积分，无需退还。</translation>
    </message>
    <message>
        <source>No till %1 is paired.</source>
        <translation>没有已配对的收银机 %1。</translation>
    </message>
    <message>
        <source>Points spent as cash are given back whole; leave the amount out.</source>
        <translation>积分抵现只能整笔退还，请不要填写金额。</translation>
    </message>
    <message>
        <source>These points spent as cash were already given back.</source>
        <translation>这笔抵现积分已经退还。</translation>
    </message>
    <message>
        <source>This terminal counts in %1, not %2.</source>
        <translation>本终端使用 %1 计价，不是 %2。</translation>
    </message>
    <message>
        <source>Sale %1 is already open here.</source>
        <translation>销售单 %1 已在此打开。</translation>
    </message>
    <message>
        <source>No member was identified for this sale yet.</source>
        <translation>该销售单尚未识别会员。</translation>
    </message>
    <message>
        <source>Only a confirmed sale can be refunded; this one is %1.</source>
        <translation>只有已确认的销售单可以退款；该单为 %1 状态。</translation>
    </message>
    <message>
        <source>Give the member&apos;s code, or member and totp.</source>
        <translation>请提供会员码，或会员号和验证码。</translation>
    </message>
    <message>
        <source>Points cannot be spent as cash under this policy.</source>
        <translation>按当前规则，积分不能抵现。</translation>
    </message>
    <message>
        <source>Spend at least one point as cash.</source>
        <translation>积分抵现至少使用 1 积分。</translation>
    </message>
    <message>
        <source>Points as cash go in steps worth 0.01: %1 points are 1 %2.</source>
        <translation>积分抵现以 0.01 为单位：%1 积分为 1 %2。</translation>
    </message>
    <message>
        <source>At most %1 points can pay for one sale.</source>
        <translation>每笔消费最多可用 %1 积分抵现。</translation>
    </message>
    <message>
        <source>Points can pay at most %1 of a sale, here %2 %3 (%4 points).</source>
        <translation>积分最多可抵消费金额的 %1，本单为 %2 %3（%4 积分）。</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>award</source>
        <translation>积分发放</translation>
    </message>
    <message>
        <source>redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>交付订单</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>checkin</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>void</source>
        <translation>撤销兑换</translation>
    </message>
    <message>
        <source>discount</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>override</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>report</source>
        <translation>日结报表</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>员工管理</translation>
    </message>
    <message>
        <source>provision</source>
        <translation>终端设置</translation>
    </message>
    <message>
        <source>diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>even with a supervisor</source>
        <translation>即使有主管授权，</translation>
    </message>
    <message>
        <source>without a supervisor</source>
        <translation>无主管授权时，</translation>
    </message>
    <message>
        <source>This code was already used at another terminal; the operation was not applied.</source>
        <translation>此会员码已在其他终端使用过，本次操作未生效。</translation>
    </message>
    <message>
        <source>This order was already handed over at another terminal.</source>
        <translation>该订单已在其他终端交付。</translation>
    </message>
    <message>
        <source>This coupon was already used at another terminal.</source>
        <translation>该优惠券已在其他终端使用。</translation>
    </message>
    <message>
        <source>The server saw this record number twice. Call a technician.</source>
        <translation>服务器收到了重复的记录序号。请联系技术员。</translation>
    </message>
    <message>
        <source>The server says this record is not from this terminal. Call a technician.</source>
        <translation>服务器认为该记录不属于本终端。请联系技术员。</translation>
    </message>
    <message>
        <source>Two different records carry the same id. Call a technician.</source>
        <translation>两条不同的记录使用了相同的编号。请联系技术员。</translation>
    </message>
    <message>
        <source>The server could not read this record. Call a technician.</source>
        <translation>服务器无法读取该记录。请联系技术员。</translation>
    </message>
    <message>
        <source>The server found the member&apos;s code not valid; the record was not applied.</source>
        <translation>服务器认定会员码无效；该记录未生效。</translation>
    </message>
    <message>
        <source>The server found the manual identification not valid; the record was not applied.</source>
        <translation>服务器认定手动识别无效；该记录未生效。</translation>
    </message>
    <message>
        <source>The manual identification does not allow this operation; it was not applied.</source>
        <translation>手动识别不允许此操作；该记录未生效。</translation>
    </message>
    <message>
        <source>The manual identification is for another member; the record was not applied.</source>
        <translation>手动识别属于其他会员；该记录未生效。</translation>
    </message>
    <message>
        <source>The member&apos;s code does not match this record; it was not applied.</source>
        <translation>会员码与该记录不符；该记录未生效。</translation>
    </message>
    <message>
        <source>The member&apos;s code is for another member; the record was not applied.</source>
        <translation>会员码属于其他会员；该记录未生效。</translation>
    </message>
    <message>
        <source>The member&apos;s code was for another operation; the record was not applied.</source>
        <translation>会员码用于其他操作；该记录未生效。</translation>
    </message>
    <message>
        <source>This record carries no checkout; it was not applied. Call a technician.</source>
        <translation>该记录没有结账信息，未生效。请联系技术员。</translation>
    </message>
    <message>
        <source>The order or coupon does not match this record; it was not applied.</source>
        <translation>订单或优惠券与该记录不符；该记录未生效。</translation>
    </message>
    <message>
        <source>The cash part does not match the reward in the catalog; not applied.</source>
        <translation>现金部分与目录中的礼品不符；未生效。</translation>
    </message>
    <message>
        <source>The points as cash do not match their value; not applied.</source>
        <translation>积分抵现金额与积分价值不符；未生效。</translation>
    </message>
    <message>
        <source>More points were spent as cash than the policy allows; not applied.</source>
        <translation>积分抵现超过规则允许的上限；未生效。</translation>
    </message>
    <message>
        <source>This redemption was already reversed; the record was not applied.</source>
        <translation>该兑换已撤销；该记录未生效。</translation>
    </message>
    <message>
        <source>The original operation is for another member; not applied.</source>
        <translation>原操作属于其他会员；未生效。</translation>
    </message>
    <message>
        <source>The original operation is from another terminal; not applied.</source>
        <translation>原操作来自其他终端；未生效。</translation>
    </message>
    <message>
        <source>The server found the points of this record with the wrong sign. Call a technician.</source>
        <translation>服务器发现该记录的积分正负号错误。请联系技术员。</translation>
    </message>
    <message>
        <source>The check-in day does not match the record&apos;s time. Check the terminal&apos;s clock.</source>
        <translation>签到日期与记录时间不符。请检查终端时钟。</translation>
    </message>
    <message>
        <source>The server found the amount of this record not valid; it was not applied.</source>
        <translation>服务器认定该记录的金额无效；该记录未生效。</translation>
    </message>
    <message>
        <source>The purchase is above the most that can earn points; not applied.</source>
        <translation>消费金额超过可获得积分的上限；未生效。</translation>
    </message>
    <message>
        <source>The server does not know this reward; the record was not applied.</source>
        <translation>服务器中没有该礼品；该记录未生效。</translation>
    </message>
    <message>
        <source>This reward is not offered at this store; the redemption was not applied.</source>
        <translation>本店不提供此礼品；此兑换未生效。</translation>
    </message>
    <message>
        <source>This reward was not offered on that day; the redemption was not applied.</source>
        <translation>此礼品当天不可兑换；此兑换未生效。</translation>
    </message>
    <message>
        <source>This reward was out of stock; the redemption was not applied.</source>
        <translation>此礼品已兑完；此兑换未生效。</translation>
    </message>
    <message>
        <source>This record carries both a code and a manual identification. Call a technician.</source>
        <translation>该记录同时带有会员码和手动识别。请联系技术员。</translation>
    </message>
    <message>
        <source>The refunds of this purchase would exceed what was paid; not applied.</source>
        <translation>该笔消费的退款将超过实付金额；未生效。</translation>
    </message>
    <message>
        <source>Only a supervisor can approve this.</source>
        <translation>只有主管可以授权此操作。</translation>
    </message>
    <message>
        <source>Only a technician can open diagnostics.</source>
        <translation>只有技术员可以打开诊断页面。</translation>
    </message>
    <message>
        <source>The terminal cannot write its data (%1).</source>
        <translation>终端无法写入数据（%1）。</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was saved. Call a technician.</source>
        <translation>出现错误，未保存任何内容。请联系技术员。</translation>
    </message>
    <message>
        <source>Staff accounts come from the loyalty office. Ask the office to add or change this account.</source>
        <translation>员工账户由会员办公室管理。请联系办公室添加或修改此账户。</translation>
    </message>
    <message>
        <source>A PIN can be changed only while the terminal is online, because the office keeps it. Try again when the terminal is online.</source>
        <translation>PIN 由办公室保管，只能在终端联网时修改。请在终端联网后再试。</translation>
    </message>
    <message>
        <source>This terminal has no staff list from the office yet. Connect it to the network and sync, and ask the office to add staff for this store.</source>
        <translation>本终端尚未收到办公室的员工名单。请连接网络并同步，并请办公室为本门店添加员工。</translation>
    </message>
    <message>
        <source>This terminal&apos;s staff key is damaged. Provision it again.</source>
        <translation>本终端的员工密钥已损坏。请重新配置终端。</translation>
    </message>
    <message>
        <source>The office refused the new PIN. Ask the loyalty office.</source>
        <translation>办公室拒绝了新的 PIN。请联系会员办公室。</translation>
    </message>
</context>
<context>
    <name>receipts</name>
    <message>
        <source>POINTS EARNED</source>
        <translation>积分已到账</translation>
    </message>
    <message>
        <source>REWARD REDEEMED</source>
        <translation>奖品已兑换</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>REDEMPTION REVERSED</source>
        <translation>兑换已撤销</translation>
    </message>
    <message>
        <source>GIFT HANDED OVER</source>
        <translation>礼品已交付</translation>
    </message>
    <message>
        <source>COUPON ACCEPTED</source>
        <translation>优惠券已使用</translation>
    </message>
    <message>
        <source>STORE CHECK-IN</source>
        <translation>到店签到</translation>
    </message>
    <message>
        <source>POINTS AS CASH</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation>*** 副本 ***</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Est. balance</source>
        <translation>预计余额</translation>
    </message>
    <message>
        <source>Ref %1</source>
        <translation>单号 %1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿卡</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>铜卡</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>倍数</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>原消费</translation>
    </message>
    <message>
        <source>Reward back</source>
        <translation>退回奖品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>%1 x%2</source>
        <translation>%1 x%2</translation>
    </message>
    <message>
        <source>Whole order handed over.</source>
        <translation>整单已交付。</translation>
    </message>
    <message>
        <source>Rest still to collect.</source>
        <translation>其余商品尚待领取。</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <source>%1% off</source>
        <translation>减 %1%</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Points as cash</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>%1 points paid %2</source>
        <translation>%1 积分抵 %2</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>The operation was refused.</source>
        <translation>操作被拒绝。</translation>
    </message>
    <message>
        <source>Awarded %n point(s).</source>
        <translation>已发放 %n 积分。</translation>
    </message>
    <message>
        <source>Reward redeemed: %n point(s) deducted.</source>
        <translation>礼品已兑换：扣除 %n 积分。</translation>
    </message>
    <message>
        <source>Order handed over.</source>
        <translation>订单已交付。</translation>
    </message>
    <message>
        <source>Coupon used: %1. Apply it at the till.</source>
        <translation>优惠券已使用：%1。请在收银机上应用。</translation>
    </message>
    <message>
        <source>Checked in: %n point(s) added.</source>
        <translation>签到成功：增加 %n 积分。</translation>
    </message>
    <message>
        <source>Refund recorded: %n point(s) taken back.</source>
        <translation>退款已记录：扣回 %n 积分。</translation>
    </message>
    <message>
        <source>Redemption reversed: %n point(s) given back.</source>
        <translation>兑换已撤销：退回 %n 积分。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Sent to the loyalty server.</source>
        <translation>已发送到会员服务器。</translation>
    </message>
    <message>
        <source>Saved on this terminal; it will sync automatically.</source>
        <translation>已保存在本终端，将自动同步。</translation>
    </message>
    <message>
        <source>Partly handed over: %1. Still to hand over: %2.</source>
        <translation>已部分交付：%1。仍待交付：%2。</translation>
    </message>
    <message>
        <source>%n point(s) paid %1.</source>
        <translation>%n 积分抵 %1。</translation>
    </message>
    <message>
        <source>%1 to pay.</source>
        <translation>还需支付 %1。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Too many wrong PINs for this staff ID. Try again in %1.</source>
        <translation>该工号密码错误次数过多，请 %1后再试。</translation>
    </message>
</context>
<context>
    <name>tiers</name>
    <message>
        <source>Green</source>
        <translation>绿卡</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
</context>
</TS>
