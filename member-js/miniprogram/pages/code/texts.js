// The page's sentences in English and Chinese; the phone's WeChat language picks one.
const TEXTS = {
  en: {
    loading: 'Loading…',
    enrolTitle: 'Sign in to show your member code',
    memberPlaceholder: 'Member number',
    enrol: 'Sign in',
    points: 'Points',
    seconds: 'New code in {n} s',
    showManual: 'Cannot scan? Show the 8-digit code',
    hideManual: 'Hide the 8-digit code',
    refresh: 'Update my card',
    unreachable: 'The loyalty service cannot be reached. Check the network and try again.',
    login: 'The sign-in was not accepted. Please sign in again.',
    locked: 'Too many tries. Please wait 15 minutes and try again.',
    replaced: 'This card was moved to another phone. Sign in again to use it here.',
    noManual: 'The 8-digit code is not ready yet: tap "Update my card".',
    failed: 'Something went wrong: {detail}'
  },
  zh: {
    loading: '正在加载…',
    enrolTitle: '登录后显示会员码',
    memberPlaceholder: '会员号',
    enrol: '登录',
    points: '积分',
    seconds: '{n} 秒后更新会员码',
    showManual: '无法扫码？显示 8 位数字码',
    hideManual: '隐藏 8 位数字码',
    refresh: '更新会员卡',
    unreachable: '无法连接会员服务，请检查网络后重试。',
    login: '登录未通过，请重新登录。',
    locked: '尝试次数过多，请 15 分钟后再试。',
    replaced: '会员卡已转移到另一部手机。请重新登录以在本机使用。',
    noManual: '8 位数字码尚未就绪：请点击“更新会员卡”。',
    failed: '出现问题：{detail}'
  }
}

/** The texts for a WeChat language code (zh_CN, zh_TW, en, ...). */
function textsFor (language) {
  return String(language || '').toLowerCase().indexOf('zh') === 0 ? TEXTS.zh : TEXTS.en
}

module.exports = { TEXTS, textsFor }
