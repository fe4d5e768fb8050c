import type { PhotosMessageKey } from './photos-zh';

/** The informant's photos of an alert, English. */
export const photosEn: Record<PhotosMessageKey, string> = {
  'ph.title': 'Photos',
  'ph.none': 'No photos attached yet.',
  'ph.count': '{count} photo(s) attached',
  'ph.description': 'What the photos show',
  'ph.defaultDescription': 'Photo taken on site',
  'ph.choose': 'Take or choose photos',
  'ph.hint': 'JPG, PNG or HEIC, up to 20 MB each; several at once is fine',
  'ph.upload': 'Upload photos',
  'ph.uploading': 'Uploading {n} of {total}…',
  'ph.uploaded': '{count} photo(s) uploaded',
  'ph.already': 'This photo was attached already',
  'ph.offline': 'Attaching photos needs the network. The alert itself has arrived; upload the photos once you are online.',
  'ph.close': 'Close',
};
