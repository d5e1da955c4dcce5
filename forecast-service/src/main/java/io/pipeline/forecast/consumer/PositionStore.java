package io.pipeline.forecast.consumer;

import io.pipeline.forecast.readmodel.ReadModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The consumer's next offset per partition, kept in each read-model version beside what it applied. */
@Component
public class PositionStore {

    private final JdbcTemplate jdbc;

    public PositionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<TopicPartition, Long> load(ReadModel model, String consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.query("select topic, partition, next_offset from " + model.table("consumer_position")
                + " where consumer = ?",
                rs -> {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        positions.put(tp, rs.getLong(3));
                    }
                }, consumer);
        return positions;
    }

    public void save(ReadModel model, String consumer, Map<TopicPartition, Long> nextOffsets) {
        List<Object[]> rows = new ArrayList<>();
        nextOffsets.forEach((tp, offset) -> rows.add(new Object[] {consumer, tp.topic(), tp.partition(), offset}));
        jdbc.batchUpdate("insert into " + model.table("consumer_position") + """
                 (consumer, topic, partition, next_offset) values (?, ?, ?, ?)
                on conflict (consumer, topic, partition) do update set next_offset = excluded.next_offset""", rows);
    }
}
