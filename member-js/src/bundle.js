// The entry point of the built bundles (the mini program's and the web phone's): the library
// and the adapters that need no Node built-ins.
export * from './index.js'
export { wechatPlatform } from './platform/wechat.js'
export { browserPlatform } from './platform/browser.js'
