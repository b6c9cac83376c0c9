/**
 * How a guided form stores a photo (or signature) before its case exists: uploaded to the draft at
 * once when the network is there; kept on the device (offlinePhotos.ts) when it is not, after the
 * checks the server would make (size, type), so a photo that would be refused is refused now, with
 * its name and the reason in the user's language.
 */
import { useCallback, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import type { Uploaded } from '../forms/formContext.ts';
import { keepOfflinePhoto } from './offlinePhotos.ts';
import { uploadToDraft } from './useDraftSync.ts';

/** What the server accepts (from /api/client-config). */
export interface UploadLimits { maxBytes: number; types: string[] }

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;

/** Why a file is (or would be) refused, in the user's language; the server's message for codes we do not know. */
export function photoRefusal(t: TFunction, name: string, code: string, serverMessage: string, limits?: UploadLimits): string {
  const reason = code === 'attachment.too-large' ? t('photo.tooLarge', { max: limits ? mb(limits.maxBytes) : '' })
    : code === 'attachment.type-not-allowed' || code === 'request.unsupported-media-type' ? t('photo.badType')
      : code === 'attachment.not-an-image' ? t('photo.notAnImage')
      : code === 'attachment.quota-exceeded' ? t('photo.quota') : serverMessage;
  return t('photo.refused', { name, reason });
}

/** The code the server would answer for this file, or undefined when it would take it. */
export function checkPhoto(file: Blob, limits?: UploadLimits): string | undefined {
  if (!limits) return undefined;
  if (file.size > limits.maxBytes) return 'attachment.too-large';
  if (file.type && !limits.types.includes(file.type)) return 'attachment.type-not-allowed';
  return undefined;
}

/** The form's `upload`: to the draft when online, kept on the device when not. */
export function usePhotoUpload(userId: string, draftId: string, limits?: UploadLimits, definitionId?: string): (file: Blob, name: string, field?: string) => Promise<Uploaded> {
  const { t } = useTranslation();
  // read at call time: the form may hold the callback of an earlier render (before the limits arrived)
  const current = useRef({ limits, t });
  current.current = { limits, t };
  return useCallback(async (file: Blob, name: string, field?: string) => {
    const { limits, t } = current.current;
    const refused = checkPhoto(file, limits);
    if (refused) throw new Error(photoRefusal(t, name, refused, '', limits));
    if (navigator.onLine !== false) {
      try {
        return await uploadToDraft(draftId, file, name, field && definitionId ? { definitionId, field } : undefined);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (!err.isNetwork) throw new Error(photoRefusal(t, name, err.code, err.message, limits));
      }
    }
    const kept = await keepOfflinePhoto(userId, draftId, file, name);
    return { id: kept.id, name, mime: kept.mime, size: kept.size };
  }, [userId, draftId, definitionId]);
}
