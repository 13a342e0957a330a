import { toColumns } from './record-fields';

interface Fields {
  display_name?: string | null;
  profile_photo_url?: string | null;
  enabled?: boolean;
}
interface Row {
  displayName: string | null;
  profilePhotoUrl: string | null;
  enabled: boolean;
}

const COLUMNS = { display_name: 'displayName', profile_photo_url: 'profilePhotoUrl', enabled: 'enabled' } as const;

describe('toColumns', () => {
  it('maps each sent field to its column; null is sent, undefined is not', () => {
    expect(toColumns<Fields, Row>({ display_name: 'Alex', profile_photo_url: null }, COLUMNS)).toEqual({
      displayName: 'Alex',
      profilePhotoUrl: null,
    });
    expect(toColumns<Fields, Row>({ enabled: false, display_name: undefined }, COLUMNS)).toEqual({ enabled: false });
    expect(toColumns<Fields, Row>({}, COLUMNS)).toEqual({});
  });

  it('reads only the listed fields (anything else on the object is not a column)', () => {
    const sent = { enabled: true, message: { body: 'hi' } } as Fields;
    expect(toColumns<Fields, Row>(sent, COLUMNS)).toEqual({ enabled: true });
  });
});
