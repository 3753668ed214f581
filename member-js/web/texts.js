// The web phone's sentences in English and Chinese (?lang=zh or a Chinese browser picks Chinese).
export const TEXTS = {
  en: {
    title: 'Member code',
    enrolTitle: 'Sign in to show your member code',
    member: 'Member number',
    login: 'Login code',
    enrol: 'Sign in',
    points: 'Points: {n}',
    seconds: 'New code in {n} s',
    showManual: 'Cannot scan? Show the 8-digit code',
    hideManual: 'Hide the 8-digit code',
    refresh: 'Update my card',
    unreachable: 'The loyalty service cannot be reached. Check the network and try again.',
    login_invalid: 'That login code was not accepted. Ask for a new one and try again.',
    login_locked: 'Too many wrong codes. Please wait 15 minutes and try again.',
    device_replaced: 'This card was moved to another phone. Sign in again to use it here.',
    noManual: 'The 8-digit code is not ready yet: tap "Update my card".',
    failed: 'Something went wrong: {detail}'
  },
  zh: {
    title: '会员码',
    enrolTitle: '登录后显示会员码',
    member: '会员号',
    login: '登录码',
    enrol: '登录',
    points: '积分：{n}',
    seconds: '{n} 秒后更新会员码',
    showManual: '无法扫码？显示 8 位数字码',
    hideManual: '隐藏 8 位数字码',
    refresh: '更新会员卡',
    unreachable: '无法连接会员服务，请检查网络后重试。',
    login_invalid: '登录码无效，请获取新的登录码后重试。',
    login_locked: '错误次数过多，请 15 分钟后再试。',
    device_replaced: '会员卡已转移到另一部手机。请重新登录以在本机使用。',
    noManual: '8 位数字码尚未就绪：请点击“更新会员卡”。',
    failed: '出现问题：{detail}'
  }
}

/** The language the page speaks: ?lang= first, then the browser's. */
export function language (search, navigatorLanguage) {
  const asked = new URLSearchParams(search).get('lang')
  const lang = asked || navigatorLanguage || 'en'
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

export function fill (template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]))
}
