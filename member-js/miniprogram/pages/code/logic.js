// The code page's logic, as a Page() definition built from its surroundings (wx, the library
// loader, the backend URL, a clock), so it runs in WeChat and in Node tests alike.
// setData carries only strings, numbers and arrays of 0/1: it cannot carry a BigInt.
const { textsFor } = require('./texts.js')

const STEP_SECONDS = 30
// The terminal's tier colours (terminal/ui/views/style.py): background, text, pill, pill text, accent.
const TIER_COLOURS = {
  green: ['#e6f4ea', '#10361a', '#2e7d32', '#ffffff', '#2e7d32'],
  silver: ['#eef0f3', '#252b33', '#c3cad3', '#1d252c', '#6b7785'],
  gold: ['#fff4d6', '#3d2e00', '#f2b705', '#2b2000', '#b58500'],
  platinum: ['#e8e6f4', '#1f1838', '#5b4b9a', '#ffffff', '#5b4b9a']
}
const DEFAULT_COLOURS = ['#eef3f8', '#14212e', '#1f6feb', '#ffffff', '#1f6feb']

function colours (tier) {
  const [background, text, pill, pillText, accent] = TIER_COLOURS[tier] || DEFAULT_COLOURS
  return { background, text, pill, pillText, accent }
}

function fill (template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]))
}

/** The sentence for a library error, in the page's language. */
function sentence (t, err) {
  const reason = err && err.reason
  if (err && err.kind === 'unreachable') return reason === 'login_locked' ? t.locked : t.unreachable
  if (reason === 'login_invalid' || reason === 'login_required') return t.login
  if (reason === 'login_locked') return t.locked
  if (reason === 'device_replaced') return t.replaced
  if (err && err.kind === 'no_wallet') return t.noManual
  return fill(t.failed, { detail: (err && err.message) || String(err) })
}

/** The Page() definition of the code page. */
function createCodePage ({ wx, load, backend, now = () => Date.now() / 1000 }) {
  return {
    data: {
      state: 'loading',
      t: textsFor(''),
      message: '',
      memberInput: '',
      busy: false,
      member: '',
      tier: '',
      balance: '0',
      colours: colours(null),
      qr: [],
      codeText: '',
      secondsText: '',
      manual: ''
    },

    async onLoad () {
      const t = textsFor(wx.getSystemInfoSync().language)
      this.setData({ t, message: t.loading })
      const loaded = load(wx)
      if (!loaded.ok) {
        this.setData({ state: 'unsupported', message: loaded.reason })
        return
      }
      this.lib = loaded.lib
      this.platform = loaded.lib.wechatPlatform(wx, { now })
      try {
        this.wallet = await this.lib.open(this.platform)
      } catch (err) {
        this.setData({ state: 'enrol', message: err.kind === 'no_wallet' ? '' : sentence(t, err) })
        return
      }
      await this.startShowing()
    },

    onShow () {
      if (this.wallet && !this.timer) this.startShowing()
    },

    onHide () {
      this.stopShowing()
    },

    onUnload () {
      this.stopShowing()
    },

    onMemberInput (event) {
      this.setData({ memberInput: String(event.detail.value || '').trim() })
    },

    async onEnrol () {
      const { t } = this.data
      this.setData({ busy: true, message: '' })
      try {
        // No login argument: the wechat adapter calls wx.login for a fresh one-time code.
        this.wallet = await this.lib.enrol({ backend, member: this.data.memberInput, platform: this.platform })
      } catch (err) {
        this.setData({ busy: false, message: sentence(t, err) })
        return
      }
      this.setData({ busy: false })
      await this.startShowing()
    },

    async onRefresh () {
      const { t } = this.data
      this.setData({ busy: true, message: '' })
      try {
        await this.wallet.refresh()
        this.setData({ busy: false })
        await this.showCode()
      } catch (err) {
        this.setData({ busy: false, message: sentence(t, err) })
      }
    },

    onToggleManual () {
      if (this.data.manual) {
        this.setData({ manual: '' })
        return
      }
      try {
        this.setData({ manual: this.wallet.manualCode(now()) })
      } catch (err) {
        this.setData({ message: sentence(this.data.t, err) })
      }
    },

    async startShowing () {
      await this.showCode()
      this.stopShowing()
      this.timer = setInterval(() => this.tick(), 1000)
    },

    stopShowing () {
      if (this.timer) clearInterval(this.timer)
      this.timer = null
    },

    /** Once a second: the seconds left, and a new code when the 30-second step turns. */
    async tick () {
      const step = Math.floor(now() / STEP_SECONDS)
      if (step !== this.step) {
        await this.showCode()
        return
      }
      this.setData({ secondsText: this.secondsText() })
      if (this.data.manual) this.setData({ manual: this.wallet.manualCode(now()) })
    },

    secondsText () {
      const left = STEP_SECONDS - Math.floor(now() % STEP_SECONDS)
      return fill(this.data.t.seconds, { n: left })
    },

    async showCode () {
      const at = now()
      this.step = Math.floor(at / STEP_SECONDS)
      let text
      try {
        text = await this.wallet.code({ now: at })
      } catch (err) {
        this.setData({ state: 'code', message: sentence(this.data.t, err) })
        return
      }
      const status = this.wallet.status()
      this.setData({
        state: 'code',
        member: status.member,
        tier: status.tier,
        balance: String(status.balance),
        colours: colours(status.tier),
        codeText: text,
        qr: this.lib.qrMatrix(text).map((row) => row.map((dark) => (dark ? 1 : 0))),
        secondsText: this.secondsText(),
        manual: this.data.manual ? this.wallet.manualCode(at) : ''
      })
    }
  }
}

module.exports = { createCodePage, colours, sentence }
