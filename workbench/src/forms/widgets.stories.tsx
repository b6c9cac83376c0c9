/** Our form widgets inside a real rjsf form: ID number, mobile, address, location, photos, signature. */
import type { Meta, StoryObj } from '@storybook/react';
import { useState } from 'react';
import { CaseForm } from './CaseForm.tsx';
import { SignaturePad } from './SignaturePad.tsx';
import { LocationPad } from './LocationPad.tsx';

const meta: Meta = { title: 'Forms/Widgets' };
export default meta;

const schema = {
  type: 'object', required: ['idNumber', 'phone'],
  properties: {
    idNumber: { type: 'string', title: '身份证号', format: 'cn-id-number' },
    phone: { type: 'string', title: '联系电话', format: 'cn-mobile' },
    address: { type: 'string', title: '地址' },
    location: { type: 'object', title: '定位', properties: { lat: { type: 'number' }, lng: { type: 'number' }, datum: { type: 'string', enum: ['CGCS2000', 'WGS84'] } } },
    photos: { type: 'array', title: '现场照片', items: { type: 'string' }, maxItems: 3 },
    signature: { type: 'string', title: '手写签名' },
  },
};
const uiSchema = { idNumber: { 'ui:widget': 'idNumber' }, phone: { 'ui:widget': 'mobile' }, address: { 'ui:widget': 'address' }, location: { 'ui:field': 'location' }, photos: { 'ui:field': 'attachments' }, signature: { 'ui:widget': 'signature' } };
const upload = async (f: Blob, name: string) => ({ id: crypto.randomUUID(), name, mime: f.type, size: f.size });

function Demo({ bridge, errors }: { bridge?: string; errors?: Record<string, unknown> }) {
  const [data, setData] = useState<Record<string, unknown>>({ address: '幸福路12号3栋2单元' });
  return <CaseForm schema={schema} uiSchema={uiSchema} data={data} onChange={setData} errors={errors as never} context={{ upload, bridgeUrl: bridge ?? null }} />;
}

export const AllWidgets: StoryObj = { render: () => <Demo /> };
export const WithIdCardReader: StoryObj = { render: () => <Demo bridge="http://127.0.0.1:18080/read" /> };
export const WithEngineErrors: StoryObj = { render: () => <Demo errors={{ idNumber: { __errors: ['「身份证号」校验位不正确'] }, phone: { __errors: ['「联系电话」不是有效的手机号'] } }} /> };
export const Signature: StoryObj = { render: () => <SignaturePad onSigned={() => undefined} /> };
export const LocationAdjust: StoryObj = { render: function Pad() { const [p, setP] = useState({ lat: 31.092134, lng: 105.085321 }); return <LocationPad value={p} onMove={setP} />; } };
