/**
 * Python import names whose distribution (the name in requirements.txt, pyproject.toml or a
 * Pipfile) is spelt differently. Each entry: import name -> distributions that install it, with
 * the PyPI page that shows the import name. Checked 2026-12-06. An import not listed here is
 * looked up under its own name (normalised as PEP 503 does: `foo_bar` = `Foo-Bar`).
 */
export const IMPORT_TO_DISTRIBUTIONS: Readonly<Record<string, { distributions: string[]; source: string }>> = {
  yaml: { distributions: ['PyYAML', 'ruamel.yaml'], source: 'https://pypi.org/project/PyYAML/' },
  PIL: { distributions: ['Pillow', 'PIL'], source: 'https://pypi.org/project/pillow/' },
  jwt: { distributions: ['PyJWT', 'python-jwt'], source: 'https://pypi.org/project/PyJWT/' },
  cv2: { distributions: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'], source: 'https://pypi.org/project/opencv-python/' },
  sklearn: { distributions: ['scikit-learn'], source: 'https://pypi.org/project/scikit-learn/' },
  skimage: { distributions: ['scikit-image'], source: 'https://pypi.org/project/scikit-image/' },
  dateutil: { distributions: ['python-dateutil'], source: 'https://pypi.org/project/python-dateutil/' },
  bs4: { distributions: ['beautifulsoup4'], source: 'https://pypi.org/project/beautifulsoup4/' },
  dotenv: { distributions: ['python-dotenv'], source: 'https://pypi.org/project/python-dotenv/' },
  jose: { distributions: ['python-jose'], source: 'https://pypi.org/project/python-jose/' },
  multipart: { distributions: ['python-multipart'], source: 'https://pypi.org/project/python-multipart/' },
  magic: { distributions: ['python-magic'], source: 'https://pypi.org/project/python-magic/' },
  docx: { distributions: ['python-docx'], source: 'https://pypi.org/project/python-docx/' },
  pptx: { distributions: ['python-pptx'], source: 'https://pypi.org/project/python-pptx/' },
  slugify: { distributions: ['python-slugify'], source: 'https://pypi.org/project/python-slugify/' },
  telegram: { distributions: ['python-telegram-bot'], source: 'https://pypi.org/project/python-telegram-bot/' },
  psycopg2: { distributions: ['psycopg2', 'psycopg2-binary', 'aws-psycopg2'], source: 'https://pypi.org/project/psycopg2-binary/' },
  MySQLdb: { distributions: ['mysqlclient'], source: 'https://pypi.org/project/mysqlclient/' },
  mysql: { distributions: ['mysql-connector-python', 'mysql-connector'], source: 'https://pypi.org/project/mysql-connector-python/' },
  Crypto: { distributions: ['pycryptodome', 'pycrypto'], source: 'https://pypi.org/project/pycryptodome/' },
  Cryptodome: { distributions: ['pycryptodomex'], source: 'https://pypi.org/project/pycryptodomex/' },
  OpenSSL: { distributions: ['pyOpenSSL'], source: 'https://pypi.org/project/pyOpenSSL/' },
  nacl: { distributions: ['PyNaCl'], source: 'https://pypi.org/project/PyNaCl/' },
  google: { distributions: ['protobuf', 'google-api-python-client', 'google-auth', 'google-cloud-storage', 'googleapis-common-protos'], source: 'https://pypi.org/project/protobuf/' },
  googleapiclient: { distributions: ['google-api-python-client'], source: 'https://pypi.org/project/google-api-python-client/' },
  aws_lambda_powertools: { distributions: ['aws-lambda-powertools'], source: 'https://pypi.org/project/aws-lambda-powertools/' },
  aws_xray_sdk: { distributions: ['aws-xray-sdk'], source: 'https://pypi.org/project/aws-xray-sdk/' },
  awswrangler: { distributions: ['awswrangler'], source: 'https://pypi.org/project/awswrangler/' },
  serverless_wsgi: { distributions: ['serverless-wsgi'], source: 'https://pypi.org/project/serverless-wsgi/' },
  awsgi: { distributions: ['aws-wsgi'], source: 'https://pypi.org/project/aws-wsgi/' },
  attr: { distributions: ['attrs'], source: 'https://pypi.org/project/attrs/' },
  pkg_resources: { distributions: ['setuptools'], source: 'https://pypi.org/project/setuptools/' },
  git: { distributions: ['GitPython'], source: 'https://pypi.org/project/GitPython/' },
  github: { distributions: ['PyGithub'], source: 'https://pypi.org/project/PyGithub/' },
  serial: { distributions: ['pyserial'], source: 'https://pypi.org/project/pyserial/' },
  usb: { distributions: ['pyusb'], source: 'https://pypi.org/project/pyusb/' },
  zmq: { distributions: ['pyzmq'], source: 'https://pypi.org/project/pyzmq/' },
  dns: { distributions: ['dnspython'], source: 'https://pypi.org/project/dnspython/' },
  fitz: { distributions: ['PyMuPDF'], source: 'https://pypi.org/project/PyMuPDF/' },
  Levenshtein: { distributions: ['Levenshtein', 'python-Levenshtein'], source: 'https://pypi.org/project/Levenshtein/' },
  elasticsearch: { distributions: ['elasticsearch', 'elasticsearch7', 'elasticsearch8'], source: 'https://pypi.org/project/elasticsearch/' },
  opensearchpy: { distributions: ['opensearch-py'], source: 'https://pypi.org/project/opensearch-py/' },
  requests_aws4auth: { distributions: ['requests-aws4auth'], source: 'https://pypi.org/project/requests-aws4auth/' },
  websocket: { distributions: ['websocket-client'], source: 'https://pypi.org/project/websocket-client/' },
  snowflake: { distributions: ['snowflake-connector-python'], source: 'https://pypi.org/project/snowflake-connector-python/' },
  sentry_sdk: { distributions: ['sentry-sdk'], source: 'https://pypi.org/project/sentry-sdk/' },
  stripe: { distributions: ['stripe'], source: 'https://pypi.org/project/stripe/' },
  ldap: { distributions: ['python-ldap'], source: 'https://pypi.org/project/python-ldap/' },
  Bio: { distributions: ['biopython'], source: 'https://pypi.org/project/biopython/' },
  pymysql: { distributions: ['PyMySQL'], source: 'https://pypi.org/project/PyMySQL/' },
  pynamodb: { distributions: ['pynamodb'], source: 'https://pypi.org/project/pynamodb/' },
  chalice: { distributions: ['chalice'], source: 'https://pypi.org/project/chalice/' },
  charset_normalizer: { distributions: ['charset-normalizer'], source: 'https://pypi.org/project/charset-normalizer/' },
  typing_extensions: { distributions: ['typing-extensions', 'typing_extensions'], source: 'https://pypi.org/project/typing-extensions/' },
  strands: { distributions: ['strands-agents'], source: 'https://pypi.org/project/strands-agents/' },
  strands_tools: { distributions: ['strands-agents-tools'], source: 'https://pypi.org/project/strands-agents-tools/' },
  langchain_aws: { distributions: ['langchain-aws'], source: 'https://pypi.org/project/langchain-aws/' },
  langchain_core: { distributions: ['langchain-core'], source: 'https://pypi.org/project/langchain-core/' },
  mypy_boto3_dynamodb: { distributions: ['mypy-boto3-dynamodb', 'boto3-stubs'], source: 'https://pypi.org/project/mypy-boto3-dynamodb/' },
};

/**
 * Packages installed as dependencies of other distributions, so a function may import them
 * without listing them itself (pip installs the whole tree). Import name -> distributions that
 * require it, from each distribution's `Requires-Dist` metadata on PyPI. Checked 2026-12-06.
 */
export const INSTALLED_WITH: Readonly<Record<string, string[]>> = {
  urllib3: ['requests', 'botocore', 'opensearch-py', 'elasticsearch', 'sentry-sdk'],
  idna: ['requests', 'httpx', 'anyio', 'yarl'],
  certifi: ['requests', 'httpx', 'opensearch-py', 'sentry-sdk'],
  charset_normalizer: ['requests', 'aiohttp'],
  chardet: ['requests'],
  pydantic_core: ['pydantic'],
  typing_extensions: ['pydantic', 'pydantic-core', 'aws-lambda-powertools', 'fastapi', 'anyio', 'starlette', 'sqlalchemy'],
  annotated_types: ['pydantic'],
  starlette: ['fastapi'],
  pydantic: ['fastapi', 'pydantic-settings'],
  anyio: ['starlette', 'httpx'],
  sniffio: ['anyio', 'httpx'],
  httpcore: ['httpx'],
  h11: ['httpcore', 'uvicorn'],
  werkzeug: ['flask'],
  jinja2: ['flask'],
  itsdangerous: ['flask'],
  click: ['flask', 'uvicorn'],
  markupsafe: ['jinja2', 'werkzeug'],
  blinker: ['flask'],
  jmespath: ['boto3', 'botocore', 'aws-lambda-powertools'],
  dateutil: ['botocore', 'pandas', 'arrow'],
  six: ['python-dateutil'],
  s3transfer: ['boto3'],
  botocore: ['boto3', 's3transfer', 'aiobotocore'],
  numpy: ['pandas', 'scipy', 'scikit-learn', 'opencv-python', 'opencv-python-headless', 'matplotlib'],
  pytz: ['pandas'],
  tzdata: ['pandas'],
  wrapt: ['aws-xray-sdk', 'deprecated'],
  cffi: ['cryptography', 'PyNaCl'],
  pycparser: ['cffi'],
  cryptography: ['pyOpenSSL', 'PyJWT', 'python-jose', 'paramiko'],
  rsa: ['python-jose', 'google-auth'],
  ecdsa: ['python-jose'],
  pyasn1: ['rsa', 'python-jose'],
  attr: ['aiohttp', 'jsonschema'],
  multidict: ['aiohttp', 'yarl'],
  yarl: ['aiohttp'],
  aiosignal: ['aiohttp'],
  frozenlist: ['aiohttp', 'aiosignal'],
  async_timeout: ['aiohttp', 'redis'],
  soupsieve: ['beautifulsoup4'],
  google: ['google-api-python-client', 'google-auth', 'protobuf'],
  grpc: ['grpcio-status', 'google-api-core'],
  greenlet: ['sqlalchemy'],
  requests: ['requests-aws4auth', 'opensearch-py', 'google-api-core', 'stripe'],
};

/**
 * Modules the Lambda Python runtimes provide: "The Lambda Python runtimes include the AWS SDK for
 * Python (Boto3) and its dependencies" (https://docs.aws.amazon.com/lambda/latest/dg/python-package.html,
 * checked 2026-12-06): boto3, botocore and what they require (s3transfer, jmespath, python-dateutil,
 * urllib3, six). AWS still advises packaging the version you tested (see the rule's docs).
 */
export const PYTHON_RUNTIME_MODULES: ReadonlySet<string> = new Set(['boto3', 'botocore', 's3transfer', 'jmespath', 'dateutil', 'urllib3', 'six']);

/** PEP 503 normalised distribution name: `Foo_Bar.baz` -> `foo-bar-baz`. */
export function normaliseDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
