/**
 * The workspace's later strings (assignment, notifications, possible duplicates, back-dated reopening),
 * Simplified Chinese. Not spread into zh.ts: they load with the workspace's chunk
 * (pages/mediator/i18n.ts), not with the entry every informant's phone downloads. Same keys in desk.en.ts.
 */
export const deskZh = {
  'desk.nav.complaints': '投诉件',
  'desk.nav.mediations': '诉前调解',
  'desk.nav.notifications': '通知',
  'desk.assign.takeIt': '由我办理',
  'desk.assign.takeItConfirm': '将这条记录分配给您本人办理。',
  'desk.assign.assign': '分配调解员',
  'desk.assign.reassign': '改派调解员',
  'desk.assign.mediator': '调解员',
  'desk.assign.taken': '已分配给您。',
  'desk.col.mediator': '调解员',
  'desk.event.MediatorAssigned': '分配调解员：{name}',
  'desk.notes.title': '通知',
  'desk.notes.unreadOnly': '只看未读',
  'desk.notes.readAll': '全部标为已读',
  'desk.notes.markRead': '标为已读',
  'desk.notes.open': '查看',
  'desk.notes.read': '已读',
  'desk.notes.unread': '未读',
  'desk.notes.empty': '没有通知。',
  'desk.notes.counts': '共 {total} 条，未读 {unread} 条',
  'desk.notes.allRead': '已全部标为已读。',
  'desk.dup.title': '该单位已有相同申请人的在办案件',
  'desk.dup.body': '已有案件 {caseNo} 与本次登记的申请人相同（按{matchedBy}匹配）。请先查看该案件；如确认不是同一纠纷，可以仍然登记。',
  'desk.dup.matchedBy.idNumber': '身份证号码',
  'desk.dup.matchedBy.phone': '联系电话',
  'desk.dup.open': '查看案件 {caseNo}',
  'desk.dup.confirm': '确认不是重复，仍然登记',
  'desk.field.reopenedOn': '重新办理日期',
  'desk.document.mediation-agreement': '下载调解协议书',
  'desk.document.judicial-confirmation-application': '下载司法确认申请书',
  'desk.document.referral-feedback': '下载委托调解反馈函',
} as const;

export type DeskMessageKey = keyof typeof deskZh;
