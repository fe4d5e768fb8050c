/** The informant's photos of an alert (pages/informant/AlertPhotos.tsx, its own chunk), Simplified Chinese. */
export const photosZh = {
  'ph.title': '现场照片',
  'ph.none': '还没有附照片。',
  'ph.count': '已附 {count} 张照片',
  'ph.description': '照片说明',
  'ph.defaultDescription': '现场照片',
  'ph.choose': '拍照或选择照片',
  'ph.hint': 'JPG、PNG、HEIC，每张不超过 20 MB；可一次选几张',
  'ph.upload': '上传照片',
  'ph.uploading': '正在上传第 {n} 张，共 {total} 张…',
  'ph.uploaded': '已上传 {count} 张照片',
  'ph.already': '这张照片已经附过了',
  'ph.offline': '附加照片需要联网。预警本身已送达；请连上网络后再上传照片。',
  'ph.close': '收起',
} as const;

export type PhotosMessageKey = keyof typeof photosZh;
