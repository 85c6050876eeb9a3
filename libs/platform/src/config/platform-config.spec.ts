import { ConfigError, loadConfig, PlatformConfig } from './platform-config';

describe('PlatformConfig', () => {
  it('defaults to the embedded mode on the documented ports', () => {
    const config = loadConfig(PlatformConfig, {});
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.embeddedLog).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./.data');
  });

  it('reads the distributed settings', () => {
    const config = loadConfig(PlatformConfig, { KAFKA_BROKERS: 'k1:9092,k2:9092', HTTP_PORT: '9000', DATABASE_URL: 'postgres://u@db/cc' });
    expect(config.embeddedLog).toBe(false);
    expect(config.HTTP_PORT).toBe(9000);
    expect(config.DATABASE_URL).toBe('postgres://u@db/cc');
  });

  it('names every bad variable', () => {
    expect(() => loadConfig(PlatformConfig, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no port', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig(PlatformConfig, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no port', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('HTTP_PORT');
      expect(message).toContain('KAFKA_BROKERS must be host:port');
      expect(message).toContain('LOG_LEVEL');
    }
  });
});
