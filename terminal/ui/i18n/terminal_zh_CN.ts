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
        <source>Check the items with the member, then hand over the whole order or the quantities set below.</source>
        <translation>请与会员核对商品，然后交付整单，或按下方设置的数量部分交付。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
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
        <source>Camera works: %1 frames per second.</source>
        <translation>摄像头正常：每秒 %1 帧。</translation>
    </message>
    <message>
        <source>The camera opened but sends no picture.</source>
        <translation>摄像头已打开，但没有画面。</translation>
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
        <source>Accepted: member %1, tier %2, %3 points.</source>
        <translation>验证通过：会员 %1，等级 %2，%3 积分。</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>已读取，但被拒绝：%1</translation>
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
        <source>Scan any member code from the loyalty app with each scanner. Nothing is recorded.</source>
        <translation>请用每个扫码设备扫描会员小程序中的任意会员码。测试不会产生任何记录。</translation>
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
        <source>pick one on the left or type its ID</source>
        <translation>在左侧选择，或输入操作编号</translation>
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
    <message>
        <source>%1 in %2 operation(s)</source>
        <translation>%1（共 %2 笔操作）</translation>
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
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>Pickup code accepted: order %1.</source>
        <translation>自提码有效：订单 %1。</translation>
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
        <source>End of day</source>
        <translation>日结</translation>
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
        <source>%1 operation(s) waiting to sync (%2 points)</source>
        <translation>%1 笔操作待同步（%2 积分）</translation>
    </message>
    <message>
        <source>Nothing waiting to sync</source>
        <translation>没有待同步的操作</translation>
    </message>
    <message>
        <source>Coupon %1</source>
        <translation>优惠券 %1</translation>
    </message>
    <message>
        <source>Pickup order %1</source>
        <translation>自提订单 %1</translation>
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
        <source>Only a supervisor can approve this.</source>
        <translation>只有主管可以授权此操作。</translation>
    </message>
    <message>
        <source>Only a technician can open diagnostics.</source>
        <translation>只有技术员可以打开诊断页面。</translation>
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
        <source>Coupon used.</source>
        <translation>优惠券已使用。</translation>
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
