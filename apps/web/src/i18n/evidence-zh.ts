/** The evidence panel of a case (pages/mediator/EvidencePanel.tsx), Simplified Chinese. */
export const evidenceZh = {
  'ev.title': '证据材料',
  'ev.empty': '还没有证据材料。',
  'ev.description': '说明',
  'ev.descriptionHint': '例如：三月工资单、考勤记录、厂门口通知照片',
  'ev.file': '文件',
  'ev.choose': '选择文件',
  'ev.accepted': 'PDF、JPG、PNG、HEIC、Word（DOCX）、Excel（XLSX），不超过 20 MB',
  'ev.upload': '上传',
  'ev.uploaded': '已上传',
  'ev.already': '该文件已在本案中，未重复保存',
  'ev.download': '下载',
  'ev.remove': '删除',
  'ev.removeConfirm': '删除这个文件？删除记录会保留在办理记录中。',
  'ev.removed': '已删除',
  'ev.erased': '已随当事人的个人信息删除',
  'ev.by': '{who} 于 {time} 上传 · {size}',
  'ev.required': '请填写说明并选择文件',
} as const;

export type EvidenceMessageKey = keyof typeof evidenceZh;
