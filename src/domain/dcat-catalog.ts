/**
 * The open-data catalogue (PUB-03) in DCAT 3 (W3C Recommendation, 2024) as JSON-LD: one
 * `dcat:Catalog` published by the agency, holding one `dcat:Dataset` (the public enforcement
 * decisions) with a `dcat:Distribution` per format, and the JSON API as a `dcat:DataService` that
 * serves the dataset. Links are absolute, made from the site's public address.
 */
export interface CatalogInput {
  /** The site's public address without a trailing slash, e.g. `https://zhifa.example.gov.cn`. */
  baseUrl: string;
  agencyName: string;
  agencyPhone: string;
  /** When the newest decision was published (RFC 3339), or null while nothing is. */
  modified: string | null;
  /** The column headers of the data, in order (the 双公示 items). */
  fields: readonly string[];
}

const zh = (value: string) => ({ '@language': 'zh-CN', '@value': value });
const iri = (id: string) => ({ '@id': id });
const MEDIA = 'https://www.iana.org/assignments/media-types/';
const FORMAT = 'http://publications.europa.eu/resource/authority/file-type/';

export function dcatCatalog(c: CatalogInput): Record<string, unknown> {
  const agency = `${c.baseUrl}/#agency`;
  const datasetId = `${c.baseUrl}/open/decisions`;
  const serviceId = `${c.baseUrl}/open/decisions.json#service`;
  const distribution = (path: string, title: string, media: string, format: string, extra = {}) => ({
    '@id': `${c.baseUrl}${path}#distribution`,
    '@type': 'dcat:Distribution',
    'dcterms:title': zh(title),
    'dcat:accessURL': iri(`${c.baseUrl}${path}`),
    'dcat:mediaType': iri(`${MEDIA}${media}`),
    'dcterms:format': iri(`${FORMAT}${format}`),
    ...extra,
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dcterms: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${c.baseUrl}/open/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dcterms:title': zh(`${c.agencyName}行政执法公示数据目录`),
    'dcterms:description': zh(
      `${c.agencyName}依法公示的行政执法决定（事后公示），按“双公示”数据项开放，供公众和其他平台下载、订阅和查询。`,
    ),
    'dcterms:publisher': { '@id': agency, '@type': 'foaf:Agent', 'foaf:name': c.agencyName },
    'dcterms:language': iri('http://publications.europa.eu/resource/authority/language/ZHO'),
    'foaf:homepage': iri(`${c.baseUrl}/`),
    'dcat:dataset': [
      {
        '@id': datasetId,
        '@type': 'dcat:Dataset',
        'dcterms:identifier': datasetId,
        'dcterms:title': zh('行政执法决定公示'),
        'dcterms:description': zh(
          `本机关作出并公示的行政处罚、行政许可、行政检查、行政强制和行政征收征用决定，个人信息已依法脱敏；已撤回的决定显示撤回原因。数据项：${c.fields.join('、')}。`,
        ),
        'dcat:keyword': ['行政执法', '双公示', '行政处罚', '行政许可', '事后公示'].map(zh),
        'dcterms:publisher': iri(agency),
        'dcat:contactPoint': {
          '@type': 'vcard:Organization',
          'vcard:fn': c.agencyName,
          'vcard:hasTelephone': iri(`tel:${c.agencyPhone.replace(/[^\d+]/g, '')}`),
        },
        'dcterms:language': iri('http://publications.europa.eu/resource/authority/language/ZHO'),
        'dcterms:accrualPeriodicity': iri('http://publications.europa.eu/resource/authority/frequency/CONT'),
        ...(c.modified && { 'dcterms:modified': { '@value': c.modified, '@type': 'xsd:dateTime' } }),
        'dcat:landingPage': iri(`${c.baseUrl}/decisions`),
        'dcat:distribution': [
          distribution('/open/decisions.csv', '全部公示决定（CSV，UTF-8 带 BOM）', 'text/csv', 'CSV', {
            'dcat:downloadURL': iri(`${c.baseUrl}/open/decisions.csv`),
          }),
          distribution(
            '/open/decisions.json',
            '公示决定查询接口（JSON，游标分页）',
            'application/json',
            'JSON',
            {
              'dcat:accessService': iri(serviceId),
            },
          ),
          distribution('/open/decisions.atom', '最新公示决定订阅（Atom）', 'application/atom+xml', 'ATOM'),
        ],
      },
    ],
    'dcat:service': [
      {
        '@id': serviceId,
        '@type': 'dcat:DataService',
        'dcterms:title': zh('公示决定查询接口'),
        'dcat:endpointURL': iri(`${c.baseUrl}/open/decisions.json`),
        'dcat:endpointDescription': iri(`${c.baseUrl}/api/openapi.json`),
        'dcat:servesDataset': iri(datasetId),
      },
    ],
  };
}
